"""Check kinds: one module each, registered by name.

Adding a kind is one module with a :class:`~postcheck.checks.base.Check`
subclass plus its entry here and its tests.
"""

from __future__ import annotations

from .base import Check, CompileContext, Hit, Option, OptionError, Profile
from .dates import DatesCheck
from .existence import Existence
from .metric import Metric
from .occurrence import Occurrence
from .platform import PlatformCheck
from .profile import ProfileCheck
from .repetition import Repetition
from .require import Require
from .substitution import Substitution

KINDS: dict[str, type[Check]] = {
    cls.kind: cls
    for cls in (Existence, Substitution, Occurrence, Require, Metric, Repetition, ProfileCheck, PlatformCheck, DatesCheck)
}

__all__ = ["KINDS", "Check", "CompileContext", "Hit", "Option", "OptionError", "Profile"]
