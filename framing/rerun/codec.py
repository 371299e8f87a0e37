"""Results as JSON and back, for the re-run cache: never pickle, so a cache file from someone
else cannot run code.

Values are tagged: a frozen dataclass of framing is written with its class name and fields and
rebuilt only if the class is a dataclass defined in a ``framing`` module with exactly those
fields; NumPy arrays are written as their raw bytes (base64) with a dtype from a short list
(numbers and booleans, never objects); SciPy CSR matrices as their three arrays. Anything else
that is not plain JSON is refused when writing and when reading (:class:`BadCache`).
"""

from __future__ import annotations

import base64
import dataclasses
import importlib
import json
from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np

# Little-endian numbers and booleans only: an object dtype could hold anything.
_DTYPES = frozenset({"<f8", "<f4", "<i8", "<i4", "<i2", "|i1", "<u8", "<u4", "|u1", "|b1"})


class BadCache(Exception):
    """A cached value that is damaged, from another version, or not framing's."""


def encode(value: Any) -> Any:
    """``value`` as JSON-ready data (see the module docstring for what is accepted)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, np.generic):
        return {"n": _dtype(value.dtype), "v": value.item()}
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, tuple):
        return {"t": [encode(item) for item in value]}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {"d": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, frozenset):
        return {"fs": [encode(item) for item in sorted(value, key=repr)]}
    if isinstance(value, Fraction):
        return {"fr": [value.numerator, value.denominator]}
    if isinstance(value, np.ndarray):
        array = np.ascontiguousarray(value)
        return {
            "a": _dtype(array.dtype),
            "shape": list(array.shape),
            "b": base64.b64encode(array.tobytes()).decode("ascii"),
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = type(value)
        if not kind.__module__.startswith("framing."):
            raise BadCache(f"not a framing class: {kind.__module__}.{kind.__qualname__}")
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"c": f"{kind.__module__}:{kind.__qualname__}", "f": fields}
    kind = type(value)
    if kind.__module__.startswith("scipy.sparse") and getattr(value, "format", "") == "csr":
        return {
            "csr": kind.__name__,
            "shape": list(value.shape),
            "data": encode(value.data),
            "indices": encode(value.indices),
            "indptr": encode(value.indptr),
        }
    raise BadCache(f"cannot cache a {kind.__module__}.{kind.__qualname__}")


def _dtype(dtype: np.dtype[Any]) -> str:
    name = dtype.str
    if name not in _DTYPES:
        raise BadCache(f"cannot cache an array of {name}")
    return name


def decode(data: Any) -> Any:
    """The value :func:`encode` gave ``data`` for; :class:`BadCache` if it is not such data."""
    try:
        return _decode(data)
    except BadCache:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        raise BadCache(f"malformed cache value ({type(error).__name__}: {error})") from None


_PLAIN = frozenset({type(None), bool, str, int, float})  # what JSON gives as it is


def _decode(data: Any) -> Any:
    if type(data) in _PLAIN:
        return data
    if isinstance(data, list):  # plain items as they are, without a call each
        return [item if type(item) in _PLAIN else _decode(item) for item in data]
    if not isinstance(data, dict) or len(data) < 1:
        raise BadCache("malformed cache value")
    if "t" in data:
        return tuple([item if type(item) in _PLAIN else _decode(item) for item in data["t"]])
    if "d" in data:
        return {_hashable(_decode(k)): _decode(v) for k, v in data["d"]}
    if "fs" in data:
        return frozenset(_hashable(_decode(item)) for item in data["fs"])
    if "fr" in data:
        numerator, denominator = data["fr"]
        return Fraction(int(numerator), int(denominator))
    if "n" in data:
        return np.dtype(_allowed(data["n"])).type(data["v"])
    if "a" in data:
        dtype = np.dtype(_allowed(data["a"]))
        raw = base64.b64decode(data["b"].encode("ascii"), validate=True)
        shape = tuple(int(n) for n in data["shape"])
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    if "c" in data:
        return _dataclass(data["c"], data["f"])
    if "csr" in data:
        from scipy import sparse

        if data["csr"] not in ("csr_matrix", "csr_array"):
            raise BadCache(f"not a sparse matrix class: {data['csr']!r}")
        kind = getattr(sparse, data["csr"])
        arrays = (_decode(data["data"]), _decode(data["indices"]), _decode(data["indptr"]))
        if not all(isinstance(a, np.ndarray) for a in arrays):
            raise BadCache("malformed sparse matrix")
        return kind(arrays, shape=tuple(int(n) for n in data["shape"]))
    raise BadCache("malformed cache value")


def _allowed(name: object) -> str:
    if not isinstance(name, str) or name not in _DTYPES:
        raise BadCache(f"not a cacheable dtype: {name!r}")
    return name


def _hashable(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        raise BadCache("a dictionary key that cannot be one") from None
    return value


def _dataclass(name: object, fields: object) -> Any:
    if not isinstance(name, str) or not isinstance(fields, dict):
        raise BadCache("malformed cached object")
    kind, names = _framing_class(name)
    if len(fields) != len(names) or not names.issuperset(fields):
        raise BadCache(f"{name}: the cached fields are not this version's")
    return kind(**{key: _decode(value) for key, value in fields.items()})


@lru_cache(maxsize=1024)
def _framing_class(name: str) -> tuple[type, frozenset[str]]:
    """The framing dataclass ``name`` ("module:qualname") names and its fields, looked up
    once per class (a cached result holds thousands of instances); :class:`BadCache` if
    ``name`` is not a framing dataclass that can be rebuilt from its fields."""
    module_name, _, qualname = name.partition(":")
    if not module_name.startswith("framing.") or not qualname.isidentifier():
        raise BadCache(f"not a framing class: {name!r}")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise BadCache(f"no such module: {module_name!r}") from None
    kind = getattr(module, qualname, None)
    if not isinstance(kind, type) or not dataclasses.is_dataclass(kind):
        raise BadCache(f"not a framing dataclass: {name!r}")
    if any(not f.init for f in dataclasses.fields(kind)):
        raise BadCache(f"{name}: cannot be rebuilt from its fields")
    return kind, frozenset(f.name for f in dataclasses.fields(kind))


def dumps(value: Any) -> bytes:
    """``value`` as compact UTF-8 JSON."""
    text = json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")


def loads(blob: bytes) -> Any:
    """The value of :func:`dumps` output; :class:`BadCache` if ``blob`` is not such output."""
    try:
        data = json.loads(blob.decode("utf-8", "surrogatepass"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BadCache(f"not JSON ({error})") from None
    return decode(data)
