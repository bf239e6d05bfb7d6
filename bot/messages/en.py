"""English: every sentence RoleCall shows a person, as one class.

``English`` is also the type every language implements (``bot.messages.Messages``): a
translation subclasses it and overrides every member, so mypy checks each call site and a
test finds any sentence a translation forgot. Methods take already-escaped values (see
``views.text``); the ones that take a Slack user or channel id build the only mentions
RoleCall ever sends.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import ClassVar

_ROLE_HELP = """*How to use `/role`*
• `/role` lists every role.
• `/role mle` (or an alias such as `/role ml engineer`) explains one role. Small typos are fine.
• `/role compare data-scientist mle` shows two roles side by side.
• `/role help` shows this message.
Cards are only visible to you until you press *Share in channel*."""

_TEAMS_HELP = """*How to use `/teams`*
• `/teams` compares the ways ML teams are organised, with their trade-offs.
• `/teams embedded`, `/teams consultancy` or `/teams platform` gives the full card, with this organisation's own teams.
• `/teams help` shows this message."""

_DIGEST_HELP = """*How to use `/digest`* (weekly explainers in this channel)
• `/digest subscribe [day] [time] [zone] [en|fa]`, in any order: e.g. `/digest subscribe fri 9am Europe/London`. Defaults: Monday, 09:00, your Slack time zone.
• `/digest unsubscribe` stops it.
• `/digest status` shows the schedule, the next and the last post.
• `/digest preview` shows the next explainer, only to you.
Workspace admins and owners, and people listed in ROLECALL_ADMINS, may subscribe or unsubscribe; anyone may use status and preview."""


class English:
    """The English interface text."""

    LANGUAGE: ClassVar[str] = "en"

    # help --------------------------------------------------------------------------------
    ROLE_HELP = _ROLE_HELP
    TEAMS_HELP = _TEAMS_HELP
    DIGEST_HELP = _DIGEST_HELP
    MENTION_HELP = "Ask me about a role or how ML teams work, for example: `@RoleCall what does a data scientist do?`"

    # buttons and headings ----------------------------------------------------------------
    SHARE = "Share in channel"
    OPEN = "Open"
    ROLES_HEADER = "Roles in ML teams"
    TEAMS_HEADER = "How ML teams are organised"
    SKILLS = "Skills"
    TOOLS = "Tools"
    WHAT_THEY_DO = "What they do"
    BACKGROUND = "Typical background"
    DIFFERS = "How it differs from nearby roles"
    WORKS_WITH = "Works with"
    HOW_IT_WORKS = "How it works"
    PROS = "Pros"
    CONS = "Cons"
    PICK_WHEN = "Pick it when"
    OUR_TEAMS = "Our teams"
    NO_OUR_TEAMS = "_No teams of this kind are listed yet. Add them under `our_teams` in the content pack._"
    EXAMPLE_TEAM = "example: replace it with a real team in the content pack"
    SUMMARY = "Summary"
    HOME_HEADER = "RoleCall"
    HOME_INTRO = (
        "I explain the roles in machine-learning teams and how those teams are organised. "
        "Try `/role mle`, `/teams`, or mention me with a question in any channel."
    )
    HOME_ROLES = "Roles"
    HOME_TEAMS = "Team structures"
    MODAL_TITLE = "RoleCall"
    MODAL_CLOSE = "Close"

    # language ----------------------------------------------------------------------------
    LANGUAGE_NAME = "English"
    """This language's name in itself, for the selector."""
    HOME_LANGUAGE = "Language"
    LANGUAGE_SET = "Done: I'll answer you in English from now on. `/role lang fa` switches to Persian."
    LANGUAGE_STORE_DOWN = "Sorry, I couldn't save your language just now. Please try again in a minute."

    def language_usage(self, typed: str) -> str:
        return f"I don't know the language “{typed}”. Use `/role lang en` or `/role lang fa`."

    # errors ------------------------------------------------------------------------------
    SHARE_FAILED = (
        "I couldn't post that card in the channel: Slack lets me answer a command for 30 minutes and "
        "5 times. Run the command again and share the new card."
    )
    SOMETHING_WRONG = "Sorry, something went wrong on my side while answering. Please try again in a minute."

    def footer(self, pack_id: str, version: str) -> str:
        return f"Content pack {pack_id} v{version}"

    def pack_version(self, version: str) -> str:
        """The short version note at the end of a card's notification text."""
        return f"(pack v{version})"

    def also_called(self, names: list[str], command: str) -> str:
        """Other names a topic goes by (already escaped), and the shortest way to ask for it."""
        return f"Also called {', '.join(names)} · `{command}`" if names else f"`{command}`"

    def versus(self, title: str) -> str:
        """The label of one neighbouring role in a role card's differences."""
        return f"vs {title}"

    def roles_list_intro(self, count: int) -> str:
        return f"There are {count} roles in this pack. Open one, or type `/role <name>`."

    def did_you_mean(self, query: str, title: str) -> str:
        return f"No exact match for “{query}”. Did you mean *{title}*?"

    def role_unknown(self, query: str, suggestions: list[str]) -> str:
        if suggestions:
            return f"I don't know a role called “{query}”. Closest: {', '.join(suggestions)}. Here is the full list:"
        return f"I don't know a role called “{query}”. Here is the full list:"

    def role_choices(self, query: str, count: int) -> str:
        return f"“{query}” is part of {count} roles' names, so I won't guess. Pick one:"

    def team_choices(self, query: str, count: int) -> str:
        return f"“{query}” fits {count} team structures, so I won't guess. Pick one:"

    def team_unknown(self, query: str) -> str:
        return f"I don't know a team structure called “{query}”. Here are the ones I know:"

    def compare_usage(self) -> str:
        return "To compare, name two roles: `/role compare data-scientist mle`."

    def compare_unknown(self, query: str) -> str:
        return f"I couldn't find two roles in “{query}”. Try `/role compare data-scientist mle`."

    def compare_first_two(self, left: str, right: str, left_out: list[str]) -> str:
        """Comparisons are of two roles; say which two, and which names were left out."""
        return (
            f"I compare two roles at a time, so this is {left} and {right}; "
            f"I left out {', '.join(left_out)}. Compare again with the pair you want."
        )

    def compare_same(self, title: str) -> str:
        return f"Both names point at *{title}*; pick two different roles to compare."

    def compare_header(self, left: str, right: str) -> str:
        return f"{left} vs {right}"

    def shared_by(self, user_id: str) -> str:
        return f"Shared by <@{user_id}>"

    def no_answer(self, question: str) -> str:
        return (
            f"I don't know how to answer “{question}” from what I know, and I'd rather not guess. "
            "Ask me about a role or how ML teams are organised, for example "
            "`@RoleCall what does a data scientist do?`. Here is what I can explain:"
        )

    VOTE_HELPFUL = "Helpful"
    VOTE_NOT_ASKED = "Not what I asked"
    VOTE_THANKS = "Thanks, noted. Votes keep your question and my answer (not your name) to improve what I know."
    VOTE_STORE_DOWN = "Sorry, I couldn't save your vote just now. Please try again in a minute."

    def mention_choices(self, question: str) -> str:
        return f"I'm not sure which of these you mean by “{question}”. Did you mean one of them?"

    def no_question(self) -> str:
        return f"Hi! {self.MENTION_HELP}"

    def input_truncated(self, limit: int) -> str:
        return f"(Only the first {limit} characters of your message were read.)"

    # the offline console -----------------------------------------------------------------
    CONSOLE_INTRO = (
        "RoleCall console: type what you would type in Slack. Try /role mle · /teams · "
        "@rolecall what does a data scientist do? · help · exit"
    )
    CONSOLE_HELP = """What you can type:
  /role [name | compare a b | help]      explain a role, or compare two
  /teams [structure | help]              how ML teams are organised
  /digest [status | preview | help]      the weekly explainer (subscribing needs Slack)
  @rolecall <question>, or any question  what a mention in a channel would answer
  1, 2, …                                press the button with that number
  help                                   this list
  exit, or Ctrl-D                        leave (Ctrl-C clears the line)"""
    CONSOLE_NO_REPLY = "(no reply)"
    CONSOLE_IN_CHANNEL = "Posted in the channel, for everyone:"
    CONSOLE_IN_MODAL = "Shown in a pop-up:"

    def console_unknown_command(self, typed: str, suggestion: str | None) -> str:
        if suggestion:
            return f"There is no {typed} command. Did you mean {suggestion}? Type help for what you can type."
        return f"There is no {typed} command. Type help for what you can type."

    def console_no_button(self, number: str) -> str:
        return f"There is no button [{number}] on the last reply. Type help for what you can type."

    # the install pages (a browser, in every language at once) ---------------------------
    INSTALL_DONE_TITLE = "RoleCall is installed"
    INSTALL_FAILED_TITLE = "RoleCall was not installed"
    INSTALL_FAILURES: ClassVar[dict[str, str]] = {
        "access_denied": "The install was cancelled on Slack's consent page, so nothing was installed.",
        "invalid_browser": "This install link was started in another browser or has expired.",
        "invalid_state": "This install link has expired or was already used.",
        "missing_code": "Slack did not send an authorisation code.",
        "invalid_code": "Slack did not accept the authorisation code.",
        "storage_error": "RoleCall could not save the installation.",
    }
    """Why an install failed, by the reason Bolt's OAuth flow gives."""
    INSTALL_FAILED_OTHER = "Slack reported a problem with the install."
    INSTALL_WORKSPACE = "your workspace"

    def install_done(self, team: str) -> str:
        return f"RoleCall is now installed in {team}. You can close this page."

    def install_failed(self, why: str) -> str:
        return f"{why} Start again from /slack/install."

    # /digest -----------------------------------------------------------------------------
    DIGEST_LABEL = "Weekly explainer from RoleCall · `/digest status`"
    DIGEST_NOT_SUBSCRIBED = "This channel has no weekly digest. An admin can start one with `/digest subscribe`."
    DIGEST_PERMISSION_UNKNOWN = (
        "Sorry, I couldn't check your permissions with Slack just now, so I changed nothing. "
        "Please try again in a minute."
    )
    DIGEST_NOT_ALLOWED = (
        "Only workspace admins and owners (or people listed in RoleCall's ROLECALL_ADMINS) can change this "
        "channel's digest. Anyone can use `/digest status` and `/digest preview`."
    )
    DIGEST_UNSUBSCRIBED = "Done: this channel will get no more weekly explainers."
    DIGEST_WAS_NOT_SUBSCRIBED = "This channel wasn't subscribed, so there was nothing to stop."
    DIGEST_STORE_DOWN = (
        "Sorry, I can't reach my database right now, so I changed nothing. Please try again in a minute."
    )
    DIGEST_STORE_DOWN_READ = "Sorry, I can't reach my database right now. Please try again in a minute."
    STATE_ACTIVE = "active"
    STATE_OFF = "off"
    NONE_WHILE_PAUSED = "none while paused"
    NONE_YET = "none yet"
    DAY_NAMES: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

    PAUSE_REASONS: ClassVar[dict[str, str]] = {
        "channel_not_found": "the channel could not be found (it may be private or deleted)",
        "not_in_channel": "RoleCall is not a member of the channel: invite it with `/invite @RoleCall`",
        "is_archived": "the channel is archived",
        "account_inactive": "RoleCall's Slack token is inactive: reinstall the app",
        "app_uninstalled": "RoleCall was removed from this workspace: install it again to resume",
        "tokens_revoked": "RoleCall's access to this workspace was revoked: install it again to resume",
    }

    ACCEPTED_FORMS: ClassVar[dict[str, str]] = {
        "day": "a weekday such as mon or monday",
        "time": "a time such as 09:00, 9:00, 9am or 5:30pm",
        "zone": "an IANA time zone such as Europe/London, or UTC",
        "language": "en or fa",
        "unknown": "a weekday, a time, a time zone or a language (en or fa), separated by spaces",
        "duplicate": "at most one each of weekday, time, time zone and language",
    }
    """What ``/digest subscribe`` accepts, by the kind of argument that could not be read."""

    def schedule(self, weekday: int, at: time, zone: str) -> str:
        """A weekly slot as people say it, for confirmations and lists."""
        return f"{self.DAY_NAMES[weekday]}s at {at:%H:%M} ({zone})"

    def moment(self, local: datetime, zone: str) -> str:
        """A date and time already in ``zone``, with the zone's abbreviation (or its name)."""
        day = self.DAY_NAMES[local.weekday()][:3]
        month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[local.month - 1]
        return f"{day} {local.day:02d} {month} {local.year}, {local:%H:%M} {local.tzname() or zone}"

    def pause_reason(self, code: str) -> str:
        """Why a digest is paused, from the Slack error that paused it."""
        return self.PAUSE_REASONS.get(code, code)

    def digest_bad_argument(self, token: str, kind: str) -> str:
        accepted = self.ACCEPTED_FORMS.get(kind, self.ACCEPTED_FORMS["unknown"])
        return f"I couldn't use “{token}”. Expected {accepted}. Example: `/digest subscribe mon 09:00 Europe/London`."

    def digest_unknown_action(self, token: str) -> str:
        return f"I don't know `/digest {token}`. Here is what I can do:"

    def digest_not_in_channel(self, channel_id: str) -> str:
        return (
            f"I'm not a member of <#{channel_id}>, so I couldn't post there. Invite me with `/invite @RoleCall` "
            "in the channel, then run `/digest subscribe` again."
        )

    def digest_subscribed(self, schedule: str, next_post: str) -> str:
        return f"Subscribed: a weekly explainer {schedule}. The first one arrives {next_post}."

    def digest_announcement(self, user_id: str, schedule: str) -> str:
        return f"<@{user_id}> subscribed this channel to RoleCall's weekly explainer, {schedule}."

    def digest_status(self, schedule: str, state: str, next_post: str, last_post: str) -> str:
        return f"*Weekly digest*: {schedule}\n• State: {state}\n• Next post: {next_post}\n• Last post: {last_post}"

    def digest_paused(self, reason: str) -> str:
        return f"paused, because {reason}. Run `/digest subscribe` to resume."

    def digest_preview_intro(self) -> str:
        return "Preview: this is the explainer this channel gets next (only you can see this)."
