"""Persian (Farsi): every sentence RoleCall shows a person, as a subclass of ``English``.

``Persian`` overrides every member of ``English`` (attributes and methods alike), so nothing
falls back to English by accident. Signatures and types are the English ones; values arriving
in the methods are already escaped, exactly as for English.

Writing conventions
-------------------
* Standard Persian orthography: the zero-width non-joiner (U+200C) inside words such as
  "mi-shavad" and "naqsh-ha", the hamza-above ezafe after a final heh ("baste-ye"), Persian
  yeh and keheh (never the Arabic letters), Persian punctuation (comma, semicolon, question
  mark) and guillemets for quoting what a person typed.
* Numbers in prose (counts, dates, times) use Persian digits; commands, typeable examples
  (``9am``, ``09:00``), ids, versions, IANA zone names and zone abbreviations stay ASCII.
* No bidi control characters are written here (the app adds direction marks if it needs
  them). Lines start with a Persian word wherever possible, and a line avoids ending in a
  Latin term followed by Persian punctuation, so mixed lines read correctly in Slack.
* Slack markup, commands, placeholders, ``ROLECALL_ADMINS`` and ``@RoleCall`` are unchanged;
  ``/digest subscribe`` still takes English day names (``mon``), and the help says so.

Terminology
-----------
* Role titles follow common Iranian industry usage: "mohandes-e yadgiri-ye mashin" for ML
  engineer (MLE), "daneshmand-e dade" for data scientist; "yadgiri-ye mashin (ML)" is spelled
  out, with the English abbreviation in parentheses where readers expect it.
* Team structures: "embedded" is glossed as a cross-functional ("chand-takhassosi") product
  team, "consultancy" as an in-house consultancy ("moshavere-ye dakheli"), "platform" as an
  infrastructure / platform team ("tim-e zirsakht / platform"), as the content pack titles
  them; the ``/teams`` arguments themselves stay English.
* Shared with the content pack: production is "mohit-e amaliyati (production)", never
  "tolid" (which reads as manufacturing); to ship is "arze kardan"; deployment is "esteqrar";
  serving is "servis-dahi"; a predictive model is "model-e pish-bini"; developer relations
  is "ravabet-e towse'e-dahandegan (DevRel)", the abbreviation always cased "DevRel".
* The weekly digest is "matlab-e hafte-gi" (the weekly post) and one explainer is a
  "matlab-e towzihi" (explanatory post); "subscribe" is "moshtarak shodan / eshterak" and
  "share" is "eshterak-gozari" (Slack's usual Persian pair); a content pack is
  "baste-ye mohtava"; a card is "kart"; a workspace is "faza-ye kari (workspace)".
"""

from __future__ import annotations

from datetime import datetime, time
from typing import ClassVar

from bot.messages.en import English

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


_MONTHS = ("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر")
"""Gregorian month names as written in Iran, for ``Persian.moment``."""


def _digits(value: object) -> str:
    """``value`` as text with Persian digits, for numbers in prose (never in commands)."""
    return str(value).translate(_PERSIAN_DIGITS)


_ROLE_HELP = """*راهنمای فرمان `/role`*
• با `/role` فهرست همهٔ نقش‌ها را می‌بینید.
• با `/role mle` (یا یکی از نام‌های دیگر نقش، مثلاً `/role ml engineer`) توضیح یک نقش را می‌بینید. غلط‌های تایپی کوچک اشکالی ندارد.
• با `/role compare data-scientist mle` دو نقش را کنار هم مقایسه می‌کنید.
• با `/role help` همین راهنما نمایش داده می‌شود.
کارت‌ها فقط به خود شما نشان داده می‌شوند، مگر اینکه دکمهٔ *اشتراک‌گذاری در کانال* را بزنید."""

_TEAMS_HELP = """*راهنمای فرمان `/teams`*
• با `/teams` شیوه‌های سازمان‌دهی تیم‌های یادگیری ماشین (ML) را همراه با مزایا و معایبشان مقایسه می‌کنید.
• با `/teams embedded` (تیم چندتخصصی محصول)، `/teams consultancy` (مشاورهٔ داخلی) یا `/teams platform` (تیم زیرساخت / پلتفرم) کارت کامل همان ساختار را می‌بینید، همراه با تیم‌های خود این سازمان.
• با `/teams help` همین راهنما نمایش داده می‌شود."""

_DIGEST_HELP = """*راهنمای فرمان `/digest`* (مطلب توضیحی هفتگی در همین کانال)
• برای مشترک شدن: `/digest subscribe [day] [time] [zone] [en|fa]` که روز، ساعت، منطقهٔ زمانی و زبان مطلب‌ها را به هر ترتیبی می‌پذیرد؛ مثلاً `/digest subscribe fri 9am Europe/London`. روز و ساعت را به انگلیسی بنویسید (مثل mon یا 5:30pm). پیش‌فرض‌ها: دوشنبه، ساعت ۰۹:۰۰ و منطقهٔ زمانی شما در Slack.
• با `/digest unsubscribe` ارسال متوقف می‌شود.
• با `/digest status` زمان‌بندی، ارسال بعدی و آخرین ارسال را می‌بینید.
• با `/digest preview` مطلب بعدی را پیش از ارسال می‌بینید، فقط برای خودتان.
مدیران و مالکان فضای کاری (workspace) و افرادی که نامشان در ROLECALL_ADMINS آمده است می‌توانند اشتراک را فعال یا لغو کنند؛ status و preview را همه می‌توانند به کار ببرند."""


class Persian(English):
    """The Persian interface text."""

    LANGUAGE: ClassVar[str] = "fa"

    # help --------------------------------------------------------------------------------
    ROLE_HELP = _ROLE_HELP
    TEAMS_HELP = _TEAMS_HELP
    DIGEST_HELP = _DIGEST_HELP
    MENTION_HELP = (
        "دربارهٔ یک نقش یا شیوهٔ کار تیم‌های یادگیری ماشین از من بپرسید؛ برای مثال: `@RoleCall دانشمند داده چه کار می‌کند؟`"
    )

    # buttons and headings ----------------------------------------------------------------
    SHARE = "اشتراک‌گذاری در کانال"
    OPEN = "نمایش"
    ROLES_HEADER = "نقش‌ها در تیم‌های یادگیری ماشین"
    TEAMS_HEADER = "شیوه‌های سازمان‌دهی تیم‌های یادگیری ماشین"
    SKILLS = "مهارت‌ها"
    TOOLS = "ابزارها"
    WHAT_THEY_DO = "شرح وظایف"
    BACKGROUND = "پیشینهٔ معمول"
    DIFFERS = "تفاوت با نقش‌های نزدیک"
    WORKS_WITH = "همکاری با"
    HOW_IT_WORKS = "شیوهٔ کار"
    PROS = "مزایا"
    CONS = "معایب"
    PICK_WHEN = "چه زمانی مناسب است"
    OUR_TEAMS = "تیم‌های ما"
    NO_OUR_TEAMS = "_هنوز تیمی از این نوع ثبت نشده است. تیم‌ها را زیر `our_teams` در بستهٔ محتوا اضافه کنید._"
    EXAMPLE_TEAM = "نمونه: در بستهٔ محتوا آن را با یک تیم واقعی جایگزین کنید"
    SUMMARY = "خلاصه"
    HOME_HEADER = "RoleCall"
    HOME_INTRO = (
        "نقش‌های تیم‌های یادگیری ماشین و شیوهٔ سازمان‌دهی این تیم‌ها را توضیح می‌دهم. "
        "فرمان `/role mle` یا `/teams` را امتحان کنید، یا در هر کانالی مرا با `@RoleCall` صدا بزنید و سؤالتان را بپرسید."
    )
    HOME_ROLES = "نقش‌ها"
    HOME_TEAMS = "ساختارهای تیمی"
    MODAL_TITLE = "RoleCall"
    MODAL_CLOSE = "بستن"

    # language ----------------------------------------------------------------------------
    LANGUAGE_NAME = "فارسی"
    """This language's name in itself, for the selector."""
    HOME_LANGUAGE = "زبان"
    LANGUAGE_SET = "انجام شد: از این پس به فارسی پاسخ می‌دهم. برای بازگشت به انگلیسی، `/role lang en` را بنویسید."
    LANGUAGE_STORE_DOWN = (
        "متأسفم، همین حالا نتوانستم زبان انتخابی‌تان را ذخیره کنم. لطفاً یک دقیقهٔ دیگر دوباره امتحان کنید."
    )

    def language_usage(self, typed: str) -> str:
        return f"زبانی به نام «{typed}» نمی‌شناسم. از `/role lang en` یا `/role lang fa` استفاده کنید."

    # errors ------------------------------------------------------------------------------
    SHARE_FAILED = (
        "نتوانستم این کارت را در کانال بفرستم: Slack فقط تا ۳۰ دقیقه و حداکثر ۵ بار اجازه می‌دهد به یک فرمان پاسخ دهم. "
        "فرمان را دوباره اجرا کنید و کارت تازه را به اشتراک بگذارید."
    )
    SOMETHING_WRONG = "متأسفم، هنگام پاسخ دادن مشکلی در سمت من پیش آمد. لطفاً یک دقیقهٔ دیگر دوباره امتحان کنید."

    def footer(self, pack_id: str, version: str) -> str:
        return f"بستهٔ محتوای {pack_id}، نسخهٔ {version}"

    def pack_version(self, version: str) -> str:
        """The short version note at the end of a card's notification text."""
        return f"(بستهٔ محتوا، نسخهٔ {version})"

    def also_called(self, names: list[str], command: str) -> str:
        """Other names a topic goes by (already escaped), and the shortest way to ask for it."""
        return f"نام‌های دیگر: {'، '.join(names)} · `{command}`" if names else f"`{command}`"

    def versus(self, title: str) -> str:
        """The label of one neighbouring role in a role card's differences."""
        return f"در مقایسه با {title}"

    def roles_list_intro(self, count: int) -> str:
        return f"این بسته {_digits(count)} نقش دارد. یکی را باز کنید یا `/role <name>` را بنویسید."

    def did_you_mean(self, query: str, title: str) -> str:
        return f"برای «{query}» نتیجهٔ دقیقی پیدا نکردم. آیا منظورتان *{title}* بود؟"

    def role_unknown(self, query: str, suggestions: list[str]) -> str:
        if suggestions:
            return (
                f"نقشی به نام «{query}» نمی‌شناسم؛ نزدیک‌ترین‌ها {'، '.join(suggestions)} هستند. "
                "فهرست کامل نقش‌ها را در ادامه می‌بینید:"
            )
        return f"نقشی به نام «{query}» نمی‌شناسم. فهرست کامل نقش‌ها را در ادامه می‌بینید:"

    def role_choices(self, query: str, count: int) -> str:
        return f"عبارت «{query}» در نام {_digits(count)} نقش آمده است و نمی‌خواهم حدس بزنم. یکی را انتخاب کنید:"

    def team_choices(self, query: str, count: int) -> str:
        return f"عبارت «{query}» با {_digits(count)} ساختار تیمی جور درمی‌آید و نمی‌خواهم حدس بزنم. یکی را انتخاب کنید:"

    def team_unknown(self, query: str) -> str:
        return f"ساختار تیمی‌ای به نام «{query}» نمی‌شناسم. ساختارهایی که می‌شناسم این‌ها هستند:"

    def compare_usage(self) -> str:
        return "برای مقایسه، نام دو نقش را بیاورید؛ مثلاً `/role compare data-scientist mle` را امتحان کنید."

    def compare_unknown(self, query: str) -> str:
        return f"در «{query}» دو نقش پیدا نکردم. فرمان `/role compare data-scientist mle` را امتحان کنید."

    def compare_first_two(self, left: str, right: str, left_out: list[str]) -> str:
        """Comparisons are of two roles; say which two, and which names were left out."""
        return (
            f"هر بار فقط دو نقش را مقایسه می‌کنم، پس این مقایسهٔ {left} و {right} است "
            f"و {'، '.join(left_out)} را کنار گذاشتم. برای جفتی که می‌خواهید، دوباره مقایسه کنید."
        )

    def compare_same(self, title: str) -> str:
        return f"هر دو نام به *{title}* اشاره دارند؛ برای مقایسه، دو نقش متفاوت انتخاب کنید."

    def compare_header(self, left: str, right: str) -> str:
        return f"مقایسهٔ {left} و {right}"

    def shared_by(self, user_id: str) -> str:
        return f"به اشتراک گذاشته‌شده از سوی <@{user_id}>"

    def no_answer(self, question: str) -> str:
        return (
            f"با آنچه می‌دانم نمی‌دانم به «{question}» چه پاسخی بدهم و نمی‌خواهم حدس بزنم. "
            "دربارهٔ یک نقش یا شیوهٔ سازمان‌دهی تیم‌های یادگیری ماشین بپرسید؛ برای مثال "
            "`@RoleCall دانشمند داده چه کار می‌کند؟`. این‌ها را می‌توانم توضیح دهم:"
        )

    VOTE_HELPFUL = "مفید بود"
    VOTE_NOT_ASKED = "این را نپرسیده بودم"
    VOTE_THANKS = "ممنون، ثبت شد. با رأی‌ها پرسش شما و پاسخ من (نه نام شما) نگه داشته می‌شود تا پاسخ‌هایم بهتر شود."
    VOTE_STORE_DOWN = "متأسفم، الان نتوانستم رأی شما را ثبت کنم. لطفاً چند دقیقهٔ دیگر دوباره امتحان کنید."

    def mention_choices(self, question: str) -> str:
        return f"مطمئن نیستم منظورتان از «{question}» کدام‌یک از این‌هاست. یکی از این‌ها را می‌خواستید؟"

    def no_question(self) -> str:
        return f"سلام! {self.MENTION_HELP}"

    def input_truncated(self, limit: int) -> str:
        return f"(فقط {_digits(limit)} کاراکتر نخست پیام شما خوانده شد.)"

    # the offline console -----------------------------------------------------------------
    CONSOLE_INTRO = (
        "کنسول RoleCall: همان چیزی را بنویسید که در Slack می‌نوشتید. امتحان کنید: /role mle · /teams · "
        "@rolecall دانشمند داده چه کار می‌کند؟ · help · exit"
    )
    CONSOLE_HELP = """آنچه می‌توانید بنویسید:
  /role [name | compare a b | help]      توضیح یک نقش، یا مقایسهٔ دو نقش
  /teams [structure | help]              شیوه‌های سازمان‌دهی تیم‌های یادگیری ماشین
  /digest [status | preview | help]      مطلب توضیحی هفتگی (برای اشتراک، Slack لازم است)
  @rolecall <question>                   همان پاسخی که منشن در کانال می‌گیرد؛ نوشتن @rolecall اختیاری است
  1, 2, …                                زدن دکمه‌ای با همین شماره
  help                                   همین فهرست
  exit, Ctrl-D                           خروج (با Ctrl-C خط پاک می‌شود)"""
    CONSOLE_NO_REPLY = "(بدون پاسخ)"
    CONSOLE_IN_CHANNEL = "در کانال و برای همه فرستاده شد:"
    CONSOLE_IN_MODAL = "در پنجرهٔ بازشو نمایش داده شد:"

    def console_unknown_command(self, typed: str, suggestion: str | None) -> str:
        if suggestion:
            return (
                f"فرمانی به نام {typed} وجود ندارد. آیا منظورتان {suggestion} بود؟ "
                "برای دیدن آنچه می‌توانید بنویسید، help را بزنید."
            )
        return f"فرمانی به نام {typed} وجود ندارد. برای دیدن آنچه می‌توانید بنویسید، help را بزنید."

    def console_no_button(self, number: str) -> str:
        return f"در آخرین پاسخ دکمه‌ای با شمارهٔ [{number}] نیست. برای دیدن آنچه می‌توانید بنویسید، help را بزنید."

    # the install pages -------------------------------------------------------------------
    INSTALL_DONE_TITLE = "RoleCall نصب شد"
    INSTALL_FAILED_TITLE = "RoleCall نصب نشد"
    INSTALL_FAILURES: ClassVar[dict[str, str]] = {
        "access_denied": "نصب در صفحهٔ اجازه‌دادن اسلک لغو شد، پس چیزی نصب نشد.",
        "invalid_browser": "این پیوند نصب در مرورگر دیگری شروع شده یا منقضی شده است.",
        "invalid_state": "این پیوند نصب منقضی شده یا پیش‌تر به کار رفته است.",
        "missing_code": "اسلک کد مجوز را نفرستاد.",
        "invalid_code": "اسلک کد مجوز را نپذیرفت.",
        "storage_error": "RoleCall نتوانست نصب را ذخیره کند.",
    }
    INSTALL_FAILED_OTHER = "اسلک از مشکلی در نصب خبر داد."
    INSTALL_WORKSPACE = "فضای کاری شما"

    def install_done(self, team: str) -> str:
        return f"اکنون RoleCall در {team} نصب شده است. می‌توانید این صفحه را ببندید."

    def install_failed(self, why: str) -> str:
        return f"{why} دوباره از نشانی /slack/install شروع کنید."

    # /digest -----------------------------------------------------------------------------
    DIGEST_LABEL = "مطلب توضیحی هفتگی RoleCall · `/digest status`"
    DIGEST_NOT_SUBSCRIBED = (
        "این کانال مطلب هفتگی دریافت نمی‌کند. یکی از مدیران می‌تواند با `/digest subscribe` آن را راه بیندازد."
    )
    DIGEST_PERMISSION_UNKNOWN = (
        "متأسفم، همین حالا نتوانستم دسترسی‌های شما را از Slack بررسی کنم، برای همین چیزی را تغییر ندادم. "
        "لطفاً یک دقیقهٔ دیگر دوباره امتحان کنید."
    )
    DIGEST_NOT_ALLOWED = (
        "فقط مدیران و مالکان فضای کاری (یا افرادی که نامشان در تنظیم ROLECALL_ADMINS برنامهٔ RoleCall آمده است) "
        "می‌توانند مطلب هفتگی این کانال را تغییر دهند. اما همه می‌توانند از `/digest status` و `/digest preview` استفاده کنند."
    )
    DIGEST_UNSUBSCRIBED = "انجام شد: این کانال دیگر مطلب توضیحی هفتگی دریافت نمی‌کند."
    DIGEST_WAS_NOT_SUBSCRIBED = "این کانال مشترک نبود، پس چیزی برای متوقف کردن وجود نداشت."
    DIGEST_STORE_DOWN = "متأسفم، الان به پایگاه داده‌ام دسترسی ندارم، برای همین چیزی را تغییر ندادم. لطفاً یک دقیقهٔ دیگر دوباره امتحان کنید."
    DIGEST_STORE_DOWN_READ = "متأسفم، الان به پایگاه داده‌ام دسترسی ندارم. لطفاً یک دقیقهٔ دیگر دوباره امتحان کنید."
    STATE_ACTIVE = "فعال"
    STATE_OFF = "غیرفعال"
    NONE_WHILE_PAUSED = "ندارد، چون ارسال متوقف شده است"
    NONE_YET = "هنوز چیزی ارسال نشده است"
    DAY_NAMES: tuple[str, ...] = ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه")

    PAUSE_REASONS: ClassVar[dict[str, str]] = {
        "channel_not_found": "کانال پیدا نشد (شاید خصوصی باشد یا حذف شده باشد)",
        "not_in_channel": "برنامهٔ RoleCall عضو کانال نیست؛ با `/invite @RoleCall` دعوتش کنید",
        "is_archived": "کانال بایگانی شده است",
        "account_inactive": "توکن Slack برنامهٔ RoleCall غیرفعال است؛ برنامه را دوباره نصب کنید",
        "app_uninstalled": "برنامهٔ RoleCall از این فضای کاری حذف شده است؛ برای ادامه، دوباره نصبش کنید",
        "tokens_revoked": "دسترسی RoleCall به این فضای کاری لغو شده است؛ برای ادامه، دوباره نصبش کنید",
    }

    ACCEPTED_FORMS: ClassVar[dict[str, str]] = {
        "day": "یک روز هفته به انگلیسی، مثل mon یا monday (دوشنبه)",
        "time": "یک ساعت، مثل 09:00، 9:00، 9am یا 5:30pm",
        "zone": "یک منطقهٔ زمانی IANA، مثل Europe/London یا UTC",
        "language": "یکی از en یا fa",
        "unknown": "روز هفته، ساعت، منطقهٔ زمانی یا زبان (en یا fa)، که با فاصله از هم جدا شده باشند",
        "duplicate": "از هر کدام از روز هفته، ساعت، منطقهٔ زمانی و زبان حداکثر یکی",
    }
    """What ``/digest subscribe`` accepts, by the kind of argument that could not be read."""

    def schedule(self, weekday: int, at: time, zone: str) -> str:
        """A weekly slot as people say it, for confirmations and lists."""
        return f"{self.DAY_NAMES[weekday]}\u200cها ساعت {_digits(f'{at:%H:%M}')} ({zone})"

    def moment(self, local: datetime, zone: str) -> str:
        """A date and time already in ``zone``, with the zone's abbreviation (or its name).

        Persian does not abbreviate weekdays or zero-pad the day of the month; the calendar
        stays Gregorian, like the English.
        """
        day = self.DAY_NAMES[local.weekday()]
        month = _MONTHS[local.month - 1]
        when = f"{day} {_digits(local.day)} {month} {_digits(local.year)}، ساعت {_digits(f'{local:%H:%M}')}"
        return f"{when} {local.tzname() or zone}"

    def pause_reason(self, code: str) -> str:
        """Why a digest is paused, from the Slack error that paused it."""
        return self.PAUSE_REASONS.get(code, code)

    def digest_bad_argument(self, token: str, kind: str) -> str:
        accepted = self.ACCEPTED_FORMS.get(kind, self.ACCEPTED_FORMS["unknown"])
        return (
            f"نتوانستم از «{token}» استفاده کنم. آنچه پذیرفته می‌شود: {accepted}. "
            "نمونهٔ درست: `/digest subscribe mon 09:00 Europe/London`"
        )

    def digest_unknown_action(self, token: str) -> str:
        return f"فرمان `/digest {token}` را نمی‌شناسم. کارهایی که از من برمی‌آید:"

    def digest_not_in_channel(self, channel_id: str) -> str:
        return (
            f"عضو کانال <#{channel_id}> نیستم، پس نتوانستم آنجا چیزی بفرستم. در همان کانال با `/invite @RoleCall` "
            "دعوتم کنید و بعد `/digest subscribe` را دوباره اجرا کنید."
        )

    def digest_subscribed(self, schedule: str, next_post: str) -> str:
        return (
            f"اشتراک فعال شد: از این پس این کانال {schedule} یک مطلب توضیحی دریافت می‌کند. "
            f"نخستین مطلب {next_post} می‌رسد."
        )

    def digest_announcement(self, user_id: str, schedule: str) -> str:
        return (
            f"از این پس این کانال {schedule} مطلب توضیحی هفتگی RoleCall را دریافت می‌کند؛ "
            f"این اشتراک را <@{user_id}> فعال کرد."
        )

    def digest_status(self, schedule: str, state: str, next_post: str, last_post: str) -> str:
        return f"*مطلب هفتگی*: {schedule}\n• وضعیت: {state}\n• ارسال بعدی: {next_post}\n• آخرین ارسال: {last_post}"

    def digest_paused(self, reason: str) -> str:
        return f"متوقف شده، چون {reason}. برای ادامه، `/digest subscribe` را اجرا کنید."

    def digest_preview_intro(self) -> str:
        return "پیش‌نمایش: این همان مطلب توضیحی است که این کانال دفعهٔ بعد دریافت می‌کند (فقط شما آن را می‌بینید)."
