"""One error hierarchy: the CLI catches `SummarizerError` once and prints its message."""


class SummarizerError(Exception):
    """Base of every error the tool reports to its user; the message says what to do.

    `exit_code` is the command's exit status: 2 for what the user can fix in the command,
    1 when the command was right but the world failed it (a mail server that is down).
    """

    exit_code = 2


class InputError(SummarizerError):
    """A path, file or article that cannot be read or holds nothing to summarize."""


class ConfigError(SummarizerError):
    """An unknown name or a value out of range in the settings."""


class RenderError(SummarizerError):
    """A template that cannot be found or rendered, or an output that cannot be written."""


class DeliveryError(SummarizerError):
    """A digest that could not be sent; the message says what failed and where it was kept."""

    exit_code = 1


class ClusterError(SummarizerError):
    """A Dask cluster that cannot be reached or that failed the run."""

    exit_code = 1


class ArchiveError(SummarizerError):
    """An archive that cannot be used: not ours, corrupt, or from a newer version."""


class ArchiveBusyError(ArchiveError):
    """An archive another run is writing, still after the bounded wait."""

    exit_code = 1
