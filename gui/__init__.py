"""nianbao gui: the Qt window, a thin layer over ``core``. Filled in by the window issue."""
