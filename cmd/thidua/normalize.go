package main

import "github.com/spf13/cobra"

// Provisional: the normalize owner replaces this file.
func newNormalizeCmd() *cobra.Command {
	return &cobra.Command{Use: "normalize", Short: "Normalize Vietnamese text (not yet built)", Hidden: true}
}
