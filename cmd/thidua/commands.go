package main

import "github.com/spf13/cobra"

// moreCommands lists the subcommands of the later stages. Each group lives
// in its own file: crawl.go, corpus*.go, serve.go, nightly.go.
func moreCommands() []*cobra.Command {
	cmds := []*cobra.Command{newCrawlCmd()}
	cmds = append(cmds, corpusCommands()...)
	cmds = append(cmds, newServeCmd())
	cmds = append(cmds, nightlyCommands()...)
	return cmds
}
