"""The app's screens and modals, one file each."""
