"""Writing files safely: atomic writes, folder locks and swaps, signals, progress bars."""
