"""English user-facing text. Functions take already-escaped values (see ``views.text``)."""

from __future__ import annotations

ROLE_HELP = """*How to use `/role`*
• `/role` lists every role.
• `/role mle` (or an alias such as `/role ml engineer`) explains one role. Small typos are fine.
• `/role compare data-scientist mle` shows two roles side by side.
• `/role help` shows this message.
Cards are only visible to you until you press *Share in channel*."""

TEAMS_HELP = """*How to use `/teams`*
• `/teams` compares the ways ML teams are organised, with their trade-offs.
• `/teams embedded`, `/teams consultancy` or `/teams platform` gives the full card, with this organisation's own teams.
• `/teams help` shows this message."""

MENTION_HELP = "Ask me about a role or how ML teams work, for example: `@RoleCall what does a data scientist do?`"

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
ALSO_ASKED = "Close matches for your question:"
SHARE_FAILED = (
    "I couldn't post that card in the channel: Slack lets me answer a command for 30 minutes and "
    "5 times. Run the command again and share the new card."
)
SOMETHING_WRONG = "Sorry, something went wrong on my side while answering. Please try again in a minute."


def footer(pack_id: str, version: str) -> str:
    return f"Content pack {pack_id} v{version}"


def also_called(names: list[str], command: str) -> str:
    """Other names a topic goes by (already escaped), and the shortest way to ask for it."""
    return f"Also called {', '.join(names)} · `{command}`" if names else f"`{command}`"


def roles_list_intro(count: int) -> str:
    return f"There are {count} roles in this pack. Open one, or type `/role <name>`."


def did_you_mean(query: str, title: str) -> str:
    return f"No exact match for “{query}”. Did you mean *{title}*?"


def role_unknown(query: str, suggestions: list[str]) -> str:
    if suggestions:
        return f"I don't know a role called “{query}”. Closest: {', '.join(suggestions)}. Here is the full list:"
    return f"I don't know a role called “{query}”. Here is the full list:"


def team_unknown(query: str) -> str:
    return f"I don't know a team structure called “{query}”. Here are the ones I know:"


def compare_usage() -> str:
    return "To compare, name two roles: `/role compare data-scientist mle`."


def compare_unknown(query: str) -> str:
    return f"I couldn't find two roles in “{query}”. Try `/role compare data-scientist mle`."


def compare_same(title: str) -> str:
    return f"Both names point at *{title}*; pick two different roles to compare."


def compare_header(left: str, right: str) -> str:
    return f"{left} vs {right}"


def shared_by(user_id: str) -> str:
    return f"Shared by <@{user_id}>"


def no_answer(question: str) -> str:
    return f"I'm not sure how to answer “{question}” from what I know. Here is what I can explain:"


def no_question() -> str:
    return f"Hi! {MENTION_HELP}"


def mention_match(title: str) -> str:
    return f"{title}: this is the closest topic I know."


def input_truncated(limit: int) -> str:
    return f"(Only the first {limit} characters of your message were read.)"


DIGEST_HELP = """*How to use `/digest`* (weekly explainers in this channel)
• `/digest subscribe [day] [time] [zone] [en|fa]`, in any order: e.g. `/digest subscribe fri 9am Europe/London`. Defaults: Monday, 09:00, your Slack time zone.
• `/digest unsubscribe` stops it.
• `/digest status` shows the schedule, the next and the last post.
• `/digest preview` shows the next explainer, only to you.
Workspace admins and owners, and people listed in ROLECALL_ADMINS, may subscribe or unsubscribe; anyone may use status and preview."""

DIGEST_LABEL = "Weekly explainer from RoleCall · `/digest status`"
DIGEST_NOT_SUBSCRIBED = "This channel has no weekly digest. An admin can start one with `/digest subscribe`."
DIGEST_PERMISSION_UNKNOWN = (
    "Sorry, I couldn't check your permissions with Slack just now, so I changed nothing. Please try again in a minute."
)
DIGEST_NOT_ALLOWED = (
    "Only workspace admins and owners (or people listed in RoleCall's ROLECALL_ADMINS) can change this channel's "
    "digest. Anyone can use `/digest status` and `/digest preview`."
)
DIGEST_UNSUBSCRIBED = "Done: this channel will get no more weekly explainers."
DIGEST_WAS_NOT_SUBSCRIBED = "This channel wasn't subscribed, so there was nothing to stop."
DIGEST_STORE_DOWN = "Sorry, I can't reach my database right now, so I changed nothing. Please try again in a minute."

PAUSE_REASONS = {
    "channel_not_found": "the channel could not be found (it may be private or deleted)",
    "not_in_channel": "RoleCall is not a member of the channel: invite it with `/invite @RoleCall`",
    "is_archived": "the channel is archived",
    "account_inactive": "RoleCall's Slack token is inactive: reinstall the app",
}


def digest_bad_argument(token: str, accepted: str) -> str:
    return f"I couldn't use “{token}”. Expected {accepted}. Example: `/digest subscribe mon 09:00 Europe/London`."


def digest_unknown_action(token: str) -> str:
    return f"I don't know `/digest {token}`. Here is what I can do:"


def digest_not_in_channel(channel_id: str) -> str:
    return (
        f"I'm not a member of <#{channel_id}>, so I couldn't post there. Invite me with `/invite @RoleCall` "
        "in the channel, then run `/digest subscribe` again."
    )


def digest_subscribed(schedule: str, next_post: str) -> str:
    return f"Subscribed: a weekly explainer {schedule}. The first one arrives {next_post}."


def digest_announcement(user_id: str, schedule: str) -> str:
    return f"<@{user_id}> subscribed this channel to RoleCall's weekly explainer, {schedule}."


def digest_status(schedule: str, state: str, next_post: str, last_post: str) -> str:
    return f"*Weekly digest*: {schedule}\n• State: {state}\n• Next post: {next_post}\n• Last post: {last_post}"


def digest_paused(reason: str) -> str:
    return f"paused, because {reason}. Run `/digest subscribe` to resume."


def digest_preview_intro() -> str:
    return "Preview: this is the explainer this channel gets next (only you can see this)."
