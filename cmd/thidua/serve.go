package main

import "github.com/spf13/cobra"

// Provisional: the serve owner replaces this file.
func newServeCmd() *cobra.Command {
	return &cobra.Command{Use: "serve", Short: "Serve the corpus (not yet built)", Hidden: true}
}
