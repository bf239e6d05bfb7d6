from bot.runtime.cli import entry

entry()
