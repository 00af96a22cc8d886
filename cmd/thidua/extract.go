package main

import "github.com/spf13/cobra"

// Provisional: replaced with the extract command.
func newExtractCmd() *cobra.Command {
	return &cobra.Command{Use: "extract", Short: "Extract records (not yet built)", Hidden: true}
}
