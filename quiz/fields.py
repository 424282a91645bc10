"""``Fields``: ``typing.NamedTuple`` for mypy, a cheaper class maker at run time.

The model, the diagnostics and the format's shapes declare their fields as a named tuple
(``class _ChoiceFields(Fields): id: str ...``, see quiz/record.py), and every command that
reads a bank defines 28 of them before its first line of work. ``typing.NamedTuple`` spends
about 60 µs on each: it checks every annotation, and ``collections.namedtuple`` builds a
class body of per-class closures and compiles a ``__new__`` from source text with ``eval``.
Here those methods are shared by one base class and ``__new__`` is copied from one compiled
template per number of fields with the parameters renamed, about 20 µs a class: 1.2 ms of
each start (issue 16, docs/architecture.md).

For mypy ``Fields`` *is* ``typing.NamedTuple``, so every check stays: field types, read-only
fields, constructor arguments, ``_replace`` keywords. At run time it makes the same class: a
tuple subclass with ``__slots__ = ()``, a field accessor per field, ``_fields``,
``_field_defaults``, ``__match_args__``, ``__annotations__``, ``_make``, ``_replace``,
``_asdict``, the same ``repr`` and the same errors for a missing or unknown argument
(tests/test_fields.py compares each with ``typing.NamedTuple``). A generic named tuple is
declared as with typing (``class _SettingFields(Fields, Generic[T])``). Every named tuple in
quiz is declared this way.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import CodeType, FunctionType
from typing import TYPE_CHECKING, Any, Generic

__all__ = ["Fields"]

try:  # the C field accessor collections.namedtuple uses, where the interpreter has it
    from _collections import _tuplegetter  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - another interpreter
    from operator import itemgetter

    def _tuplegetter(index: int, doc: str) -> Any:
        return property(itemgetter(index), doc=doc)

_PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields",
                         "_field_defaults", "_make", "_replace", "_asdict", "_source"})
"""Names a class body may not define: what makes it a named tuple (as typing refuses them)."""
_MADE_HERE = frozenset({"__module__", "__qualname__", "__annotations__"})

_GLOBALS: dict[str, Any] = {"_tuple_new": tuple.__new__, "__builtins__": {}}
_TEMPLATES: dict[int, CodeType] = {}


def _new_template(count: int) -> CodeType:
    """The compiled ``__new__`` of a named tuple of ``count`` fields, with placeholder names:
    the code depends only on the count, so it is compiled once per count and renamed."""
    code = _TEMPLATES.get(count)
    if code is None:
        names = "".join(f"a{index}, " for index in range(count))
        function = eval(f"lambda _cls, {names}: _tuple_new(_cls, ({names}))", _GLOBALS)
        code = _TEMPLATES[count] = function.__code__
    return code


class _NamedTupleBase(tuple[Any, ...]):
    """What every named tuple made here shares (``collections.namedtuple`` makes each one
    its own copy): the same methods, the same messages."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> Any:
        """A value from a sequence or iterable of its fields, in order."""
        result = tuple.__new__(cls, iterable)
        if len(result) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(result)}")
        return result

    def _replace(self, /, **changes: Any) -> Any:
        """A new value with the named fields replaced."""
        result = self._make(map(changes.pop, self._fields, self))
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return result

    def _asdict(self) -> dict[str, Any]:
        """A new dict mapping field names to their values."""
        return dict(zip(self._fields, self, strict=True))

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)

    def __repr__(self) -> str:
        pairs = zip(self._fields, self, strict=True)
        shown = ", ".join(f"{name}={value!r}" for name, value in pairs)
        return f"{self.__class__.__name__}({shown})"


def _named_tuple(name: str, generic: bool, namespace: dict[str, Any]) -> type:
    """The named tuple a ``Fields`` class body declares; ``generic`` if it also derives from
    ``Generic[...]`` (its type variables are then in ``__orig_bases__``, from the body)."""
    annotations: dict[str, Any] = namespace.get("__annotations__", {})
    fields = tuple(annotations)
    defaults = []
    for field in fields:
        if field.startswith("_"):
            raise ValueError(f"Field names cannot start with an underscore: {field!r}")
        if field in namespace:
            defaults.append(namespace[field])
        elif defaults:
            raise TypeError(f"Non-default namedtuple field {field} cannot follow a default "
                            "field")
    qualname = namespace.get("__qualname__", name)
    code = _new_template(len(fields)).replace(
        co_varnames=("_cls", *fields), co_name="__new__", co_qualname=f"{qualname}.__new__")
    body: dict[str, Any] = {
        "__slots__": (),
        "__module__": namespace.get("__module__"),
        "__qualname__": qualname,
        "__doc__": f"{name}({', '.join(fields)}{',' * (len(fields) == 1)})",  # namedtuple's
        "__annotations__": annotations,
        "__new__": FunctionType(code, _GLOBALS, "__new__", tuple(defaults) or None),
        "_fields": fields,
        "_field_defaults": dict(zip(fields[len(fields) - len(defaults):], defaults,
                                    strict=True)),
        "__match_args__": fields,
    }
    for index, field in enumerate(fields):
        body[field] = _tuplegetter(index, f"Alias for field number {index}")
    for key, value in namespace.items():
        if key in _PROHIBITED:
            raise AttributeError(f"Cannot overwrite NamedTuple attribute {key}")
        if key not in _MADE_HERE and key not in annotations:
            body[key] = value  # docstring, methods, properties, as typing.NamedTuple keeps
    return type(name, (_NamedTupleBase, Generic) if generic else (_NamedTupleBase,), body)


class _FieldsMeta(type):
    """Makes a class that derives from ``Fields`` a named tuple (as ``typing.NamedTuple``'s
    own metaclass does): the class statement returns a plain ``type``."""

    def __new__(cls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        if not bases:  # Fields itself
            return super().__new__(cls, name, bases, namespace)
        if bases not in ((Fields,), (Fields, Generic)):
            raise TypeError("a Fields class derives from Fields alone, or from Fields and "
                            "Generic[...]")
        return _named_tuple(name, Generic in bases, namespace)


if TYPE_CHECKING:
    from typing import NamedTuple as Fields
else:
    class Fields(metaclass=_FieldsMeta):
        """Derive from this to declare a named tuple's fields (``typing.NamedTuple`` for
        mypy; see the module's docstring)."""
