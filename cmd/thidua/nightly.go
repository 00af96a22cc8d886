package main

import "github.com/spf13/cobra"

// Provisional: the nightly owner replaces this file.
func nightlyCommands() []*cobra.Command { return nil }
