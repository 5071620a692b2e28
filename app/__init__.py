"""The application: the composition root that joins ``core`` (pure logic) to its front ends.

``app.cli`` is the command line (one module per subcommand); it hands over to the window in
``gui`` and picks the Qt PDF printer for ``sheet``. Only this package may import both ``core``
and ``gui``; ``core`` never imports either.
"""
