package main

import "github.com/spf13/cobra"

// moreCommands lists the subcommands that arrive with later stages (crawl,
// corpus, serve, nightly). Each lives in its own file.
func moreCommands() []*cobra.Command {
	return nil
}
