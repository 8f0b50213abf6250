"""Numba kernels: numpy arrays and scalars in, preallocated outputs written, random draws passed in.

Every kernel is compiled with the flags in :mod:`kernels.config`, so they are set in one place.
"""
