package nightly

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/crawl"
	"github.com/thidua/thidua/crawl/testsite"
)

// DefaultDemoSites is the fixture site tree of a checkout of the repository.
const DefaultDemoSites = "testdata/sites"

// DemoOptions configure Demo; the zero value serves ./testdata/sites into a
// temporary data directory and asks about the border guard.
type DemoOptions struct {
	// Sites is a site tree as crawl/testsite serves it, with its
	// sources.toml; "" means SitesFS, or DefaultDemoSites without it.
	Sites string
	// SitesFS is a site tree to serve when Sites is "" (the binary's
	// embedded copy of testdata/sites, thidua.DemoSites): it is copied to
	// a temporary directory, removed when Demo returns.
	SitesFS fs.FS
	// Data is the data directory; "" means a new temporary directory,
	// which the caller may remove (DemoResult.Data).
	Data string
	// Unit is the member unit asked about; "" means "Biên phòng".
	Unit string
}

// DemoResult is what Demo did and found.
type DemoResult struct {
	Data   string
	Report Report
	Answer *corpus.Matrix
}

// Demo runs a night against the fixture sites served on loopback (no
// network needed) and answers "which provinces include <Unit>" from the
// records it made.
func Demo(ctx context.Context, o DemoOptions) (DemoResult, error) {
	var res DemoResult
	sites, unit := o.Sites, o.Unit
	switch {
	case sites == "" && o.SitesFS != nil:
		tmp, err := os.MkdirTemp("", "thidua-demo-sites-")
		if err != nil {
			return res, fmt.Errorf("nightly: demo: %w", err)
		}
		defer os.RemoveAll(tmp)
		if err := os.CopyFS(tmp, o.SitesFS); err != nil {
			return res, fmt.Errorf("nightly: demo: the fixture sites: %w", err)
		}
		sites = tmp
	case sites == "":
		sites = DefaultDemoSites
	}
	if unit == "" {
		unit = "Biên phòng"
	}
	f, err := os.Open(filepath.Join(sites, "sources.toml"))
	if err != nil {
		return res, fmt.Errorf("nightly: demo: %w", err)
	}
	src, err := crawl.LoadSources(f, f.Name())
	f.Close()
	if err != nil {
		return res, fmt.Errorf("nightly: demo: %w", err)
	}
	srv, err := testsite.New(sites, testsite.Options{})
	if err != nil {
		return res, fmt.Errorf("nightly: demo: %w", err)
	}
	defer srv.Close()
	res.Data = o.Data
	if res.Data == "" {
		if res.Data, err = os.MkdirTemp("", "thidua-demo-"); err != nil {
			return res, fmt.Errorf("nightly: demo: %w", err)
		}
	}
	res.Report, err = Run(ctx, Options{
		Data:    res.Data,
		Sources: src,
		Crawl:   []crawl.Option{crawl.WithTransport(srv.Transport()), crawl.WithDelay(0)},
	})
	if err != nil {
		return res, err
	}
	c, err := corpus.Open(res.Data, corpus.Options{})
	if err != nil {
		return res, fmt.Errorf("nightly: demo: %w", err)
	}
	defer c.Close()
	res.Answer, err = c.Query(unit, corpus.Filter{}, corpus.ByProvince)
	if err != nil {
		return res, fmt.Errorf("nightly: demo: %w", err)
	}
	return res, nil
}
