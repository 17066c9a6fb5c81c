"""Errors a user can cause; the CLI turns each into one line and a non-zero exit."""


class NetflixSimError(Exception):
    """Base of every error netflix-sim reports to a user in one line."""


class CatalogError(NetflixSimError):
    """The catalog file is missing, unreadable, not SQLite, empty or of another schema."""


class UnknownProfileError(NetflixSimError):
    """No viewer profile has that id or name."""


class UnknownTitleError(NetflixSimError):
    """No title has that id."""


class UnknownPolicyError(NetflixSimError):
    """No recommendation policy has that name."""


class ProfileNameError(NetflixSimError, ValueError):
    """A profile name that cannot be used: empty, too long, taken or with control characters."""


class ProfileInUseError(NetflixSimError):
    """The profile has an open session, so it cannot be deleted now."""
