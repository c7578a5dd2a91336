"""Dask worker preload (`dask worker --preload tests/dask_other_cloudpickle.py`): this worker
cannot load a function shipped by value, as with another cloudpickle version ("Can't get
attribute '_function_setstate'")."""

import cloudpickle.cloudpickle

if hasattr(cloudpickle.cloudpickle, "_function_setstate"):
    del cloudpickle.cloudpickle._function_setstate
