"""One error hierarchy: the CLI catches `SummarizerError` once and prints its message."""


class SummarizerError(Exception):
    """Base of every error the tool reports to its user; the message says what to do."""


class InputError(SummarizerError):
    """A path, file or article that cannot be read or holds nothing to summarize."""


class ConfigError(SummarizerError):
    """An unknown name or a value out of range in the settings."""


class RenderError(SummarizerError):
    """A template that cannot be found or rendered, or an output that cannot be written."""
