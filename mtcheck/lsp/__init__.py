"""``mtcheck lsp``: findings as diagnostics in any editor, over the Language Server Protocol."""
