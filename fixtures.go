// Package thidua holds the files the thidua binary carries with it.
package thidua

import (
	"embed"
	"io/fs"
)

//go:embed all:testdata/sites
var sites embed.FS

// DemoSites is the fixture site tree of testdata/sites (pages of real
// provincial sites, their robots.txt, sitemaps and .site settings, and the
// sources.toml naming them), as crawl/testsite serves it: `thidua demo`
// crawls it on loopback wherever the binary runs, not only in a checkout.
// It is about half a megabyte.
func DemoSites() fs.FS {
	sub, err := fs.Sub(sites, "testdata/sites")
	if err != nil {
		panic(err) // the pattern above embeds that directory
	}
	return sub
}
