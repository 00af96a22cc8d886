package main

import "github.com/spf13/cobra"

// Provisional: the crawl owner replaces this file.
func newCrawlCmd() *cobra.Command {
	return &cobra.Command{Use: "crawl", Short: "Crawl the configured sites (not yet built)", Hidden: true}
}
