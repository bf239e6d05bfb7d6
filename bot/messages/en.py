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
TRUNCATED = "…"
SOMETHING_WRONG = "Sorry, something went wrong on my side while answering. Please try again in a minute."


def footer(pack_id: str, version: str) -> str:
    return f"Content pack {pack_id} v{version}"


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
