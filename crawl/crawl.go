package crawl

import (
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/thidua/thidua/crawl/warc"
)

// Page is a new or changed article handed to the caller (the nightly job
// runs extract.Extract on it).
type Page struct {
	URL          string // the URL fetched (after redirects)
	Canonical    string // the URL the article is recorded under
	Site         string
	Province     string // the site's province, "" for a national site
	HTML         string // decoded UTF-8 (NFC)
	Charset      string // the charset the body was decoded from
	Fetched      time.Time
	LastModified string // the Last-Modified header, "" when none
	Location     warc.Location
	Changed      bool // an article seen before whose text changed
}

// Summary reports a run.
type Summary struct {
	Fetched          int            // responses with a body (2xx, 3xx, 4xx, 5xx)
	NotModified      int            // 304 answers to conditional requests (robots.txt included)
	NewArticles      int            // articles reported for the first time
	ChangedArticles  int            // articles whose text changed since the last fetch
	Duplicates       int            // pages whose text is another URL's article
	RobotsDisallowed int            // URLs robots.txt forbids
	Traps            int            // links refused as crawler traps
	Retries          int            // attempts repeated after a transient failure
	Parked           int            // URLs parked after failing several nights
	Errors           map[string]int // final failures of the night by kind (ErrorCount tells which are failures)
	Discovered       int            // URLs new to the state store
	WouldFetch       int            // dry run: pages that a real run would fetch
	Requests         int64          // HTTP requests sent (robots.txt and redirects included)
	Bytes            int64          // body bytes received
	Duration         time.Duration
	Resumed          bool // the run continued an interrupted one
}

// kindSitemapMissing is the error kind of a sitemap that a robots.txt
// names and the site answers with 404 or 410.
const kindSitemapMissing = "sitemap-missing"

// ErrorCount is the number of final fetch failures (robots, traps and
// sitemaps that robots.txt names but the site lacks excluded: they are the
// site's choice or the crawler's, not failures).
func (s Summary) ErrorCount() int {
	n := 0
	for k, v := range s.Errors {
		if k != "robots" && k != "trap" && k != kindSitemapMissing {
			n += v
		}
	}
	return n
}

// WriteTo writes the summary as an aligned table.
func (s Summary) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	row := func(k string, v any) { fmt.Fprintf(&b, "%-20s %v\n", k, v) }
	row("fetched", s.Fetched)
	row("not modified", s.NotModified)
	row("new articles", s.NewArticles)
	row("changed articles", s.ChangedArticles)
	row("duplicates", s.Duplicates)
	row("robots disallowed", s.RobotsDisallowed)
	row("traps", s.Traps)
	row("retries", s.Retries)
	row("parked", s.Parked)
	if s.WouldFetch > 0 {
		row("would fetch", s.WouldFetch)
	}
	for _, k := range slices.Sorted(maps.Keys(s.Errors)) {
		row("errors: "+k, s.Errors[k])
	}
	row("requests", s.Requests)
	row("bytes", s.Bytes)
	row("duration", s.Duration.Round(time.Millisecond))
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// Progress is reported after every fetch.
type Progress struct {
	Done    int // fetches finished
	Pending int // fetches due in this run (queued by it, left by a killed run, revisits come due) and not yet finished
	Errors  int
	URL     string // the URL just finished
}

// Option configures a Crawler.
type Option func(*Crawler)

// WithTransport sends every request through rt (tests: testsite's
// transport). The default is a clone of http.DefaultTransport.
func WithTransport(rt http.RoundTripper) Option {
	return func(c *Crawler) { c.transport = rt }
}

// WithMaxPages stops dispatching after n fetches (0: no limit).
func WithMaxPages(n int) Option { return func(c *Crawler) { c.maxPages = n } }

// WithSince skips sitemap and feed entries dated before t.
func WithSince(t time.Time) Option { return func(c *Crawler) { c.since = t } }

// WithSites limits the run to the named sites (New rejects unknown names).
func WithSites(names ...string) Option {
	return func(c *Crawler) { c.siteNames = append(c.siteNames, names...) }
}

// WithDryRun discovers without fetching pages: only start points, sitemaps
// and feeds (and robots.txt) are fetched, nothing is archived and the state
// store is left as it was; Summary.WouldFetch counts the rest.
func WithDryRun(dry bool) Option { return func(c *Crawler) { c.dryRun = dry } }

// WithDelay overrides every per-host delay (0 for tests and benchmarks).
func WithDelay(d time.Duration) Option {
	return func(c *Crawler) { c.delay, c.delaySet = d, true }
}

// WithLogger logs through l (the default discards).
func WithLogger(l *slog.Logger) Option { return func(c *Crawler) { c.log = l } }

// WithProgress calls fn after every fetch, from the fetching goroutine.
func WithProgress(fn func(Progress)) Option { return func(c *Crawler) { c.progress = fn } }

// WithClock replaces time.Now for the crawl's timestamps and due times.
// The clock must advance: retries wait for it.
func WithClock(now func() time.Time) Option { return func(c *Crawler) { c.now = now } }

// WithArticle calls fn for every new or changed article, from the fetching
// goroutine, before the URL is marked done: a page is reported at least
// once even if the process is killed.
func WithArticle(fn func(Page)) Option { return func(c *Crawler) { c.article = fn } }

// WithTimeout bounds each request, body included (default 30 s).
func WithTimeout(d time.Duration) Option { return func(c *Crawler) { c.timeout = d } }

// WithMaxBodySize bounds a response body (default 10 MiB): a longer body is
// cut at the bound, archived as truncated and counted as "too-large".
func WithMaxBodySize(n int64) Option { return func(c *Crawler) { c.maxBody = n } }

// WithRetry sets how many attempts a URL gets in one night and the backoff
// between them (default 4 attempts, 1 s base, 5 min cap).
func WithRetry(attempts int, b Backoff) Option {
	return func(c *Crawler) { c.attempts, c.backoff = attempts, b }
}

// WithParking sets after how many failing nights a URL is parked and for
// how long (default 3 nights, 30 days); nightGap is when a URL that failed
// tonight is tried again (default 20 h).
func WithParking(nights int, parkFor, nightGap time.Duration) Option {
	return func(c *Crawler) { c.parkAfter, c.parkFor, c.nightGap = nights, parkFor, nightGap }
}

// WithConcurrency overrides the sources file's global bound.
func WithConcurrency(n int) Option { return func(c *Crawler) { c.concurrency = n } }

// WithHostParallelism lets n requests to one host run at once (default 1:
// one at a time, with the site's delay between them). Polite crawling of
// real sites keeps 1; a local mirror with delays off (benchmarks) may go
// higher. Values below 1 mean 1.
func WithHostParallelism(n int) Option { return func(c *Crawler) { c.perHost = n } }

// WithWARCFileSize sets the size at which WARC files are rotated.
func WithWARCFileSize(n int64) Option { return func(c *Crawler) { c.warcSize = n } }
