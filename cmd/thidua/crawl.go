package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/thidua/thidua/crawl"
	"golang.org/x/term"
)

// Exit codes of `thidua crawl`, for schedulers.
const (
	exitCrawlFetchErrors = 3
	exitCrawlCannotRun   = 4
	exitInterrupted      = 130
)

// crawlOptions are the flags of `thidua crawl`.
type crawlOptions struct {
	data     string
	sources  string
	sites    []string
	maxPages int
	since    string
	dryRun   bool
	delay    time.Duration
	quiet    bool
}

func newCrawlCmd() *cobra.Command {
	var o crawlOptions
	cmd := &cobra.Command{
		Use:   "crawl",
		Short: "Discover and fetch the configured sites' articles into the archive",
		Long: `Crawl fetches the sites of the sources file (the shipped default unless
--sources is given): sitemaps (those the sources name and those the
sites' robots.txt names) and feeds first, then listing pages, then a
shallow link crawl, politely (robots.txt, one request at a time per host
with a delay, a global bound). Every response is archived as WARC in
DATA/warc; the state (ETags, hashes, the frontier) is in DATA/crawl/state.db,
so the next run asks only for what changed. A killed run resumes.

Exit status:
  0    the crawl finished without fetch errors
  1    bad usage or a bad sources file (the line and the reason are given)
  3    the crawl finished, but some URLs failed (see the summary; pages
       robots.txt forbids, trap URLs and missing sitemaps that robots.txt
       names are not failures)
  4    the crawl could not run (data directory, lock, state store, archive)
  130  interrupted (the next run resumes)`,
		Example: `  thidua crawl --data /srv/thidua
  thidua crawl --site baonghean --max-pages 100 --dry-run`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("data") {
				if env := os.Getenv("THIDUA_DATA"); env != "" {
					o.data = env
				}
			}
			return runCrawl(cmd, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.data, "data", "./thidua-data", "data `DIR` (default $THIDUA_DATA when set, else ./thidua-data)")
	f.StringVar(&o.sources, "sources", "", "sources `FILE` (default: the shipped sources)")
	f.StringArrayVar(&o.sites, "site", nil, "crawl only site `NAME` (repeatable)")
	f.IntVar(&o.maxPages, "max-pages", 0, "stop after `N` fetches (0: no limit)")
	f.StringVar(&o.since, "since", "", "skip sitemap and feed entries dated before `DATE` (YYYY-MM-DD)")
	f.BoolVar(&o.dryRun, "dry-run", false, "discover and report what would be fetched; fetch only start points, sitemaps, feeds; archive nothing")
	f.DurationVar(&o.delay, "delay", 0, "override every per-host delay (e.g. 500ms)")
	f.BoolVar(&o.quiet, "quiet", false, "no progress bar or logs, only the summary")
	return cmd
}

func runCrawl(cmd *cobra.Command, o crawlOptions) error {
	src, err := loadCrawlSources(o.sources)
	if err != nil {
		return &exitError{1, err}
	}
	opts := []crawl.Option{crawl.WithSites(o.sites...), crawl.WithMaxPages(o.maxPages), crawl.WithDryRun(o.dryRun)}
	if o.since != "" {
		t, err := time.Parse("2006-01-02", o.since)
		if err != nil {
			return &exitError{1, fmt.Errorf("--since %q: %w", o.since, err)}
		}
		opts = append(opts, crawl.WithSince(t))
	}
	if cmd.Flags().Changed("delay") {
		opts = append(opts, crawl.WithDelay(o.delay))
	}
	stderr := cmd.ErrOrStderr()
	tty := false
	if f, ok := stderr.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	switch {
	case o.quiet:
	case tty:
		bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("crawl"),
			progressbar.OptionShowCount(), progressbar.OptionSpinnerType(14), progressbar.OptionClearOnFinish())
		opts = append(opts, crawl.WithProgress(func(p crawl.Progress) {
			bar.Describe(fmt.Sprintf("crawl: %d pending, %d errors", p.Pending, p.Errors))
			_ = bar.Set(p.Done)
		}))
		defer bar.Finish()
	default:
		opts = append(opts, crawl.WithLogger(slog.New(slog.NewJSONHandler(stderr, nil))))
	}
	c, err := crawl.New(src, o.data, opts...)
	if err != nil {
		return &exitError{1, err}
	}
	sum, err := c.Run(cmd.Context())
	if _, werr := sum.WriteTo(cmd.OutOrStdout()); werr != nil && err == nil {
		err = werr
	}
	switch {
	case errors.Is(err, context.Canceled):
		return &exitError{exitInterrupted, errors.New("crawl interrupted; the next run resumes")}
	case err != nil:
		return &exitError{exitCrawlCannotRun, err}
	case sum.ErrorCount() > 0:
		return &exitError{exitCrawlFetchErrors, fmt.Errorf("crawl finished with %d fetch errors", sum.ErrorCount())}
	}
	return nil
}

func loadCrawlSources(path string) (*crawl.Sources, error) {
	if path == "" {
		return crawl.DefaultSources()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return crawl.LoadSources(f, path)
}
