package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/thidua/thidua/crawl/warc"
	bolt "go.etcd.io/bbolt"
)

// Crawler crawls the configured sites into a data directory: the state
// store in <data>/crawl/state.db, the archive in <data>/warc/.
type Crawler struct {
	src     *Sources
	dataDir string
	sites   []*Site

	transport   http.RoundTripper
	maxPages    int
	since       time.Time
	siteNames   []string
	dryRun      bool
	delay       time.Duration
	delaySet    bool
	log         *slog.Logger
	progress    func(Progress)
	now         func() time.Time
	article     func(Page)
	timeout     time.Duration
	maxBody     int64
	attempts    int
	backoff     Backoff
	parkAfter   int
	parkFor     time.Duration
	nightGap    time.Duration
	concurrency int
	perHost     int
	warcSize    int64

	maxRedirects int

	// set by Run
	arch   *archiver
	robots robotsRules
	st     *store
	run    int64
	start  time.Time
	mu     sync.Mutex
	sum    Summary
	done   int
	queue  int
}

// New builds a crawler over sources, keeping its files in dataDir.
func New(src *Sources, dataDir string, opts ...Option) (*Crawler, error) {
	if src == nil || len(src.Sites) == 0 {
		return nil, fmt.Errorf("crawl: no sites")
	}
	c := &Crawler{
		src:          src,
		dataDir:      dataDir,
		now:          time.Now,
		timeout:      30 * time.Second,
		maxBody:      10 << 20,
		attempts:     4,
		parkAfter:    3,
		parkFor:      30 * 24 * time.Hour,
		nightGap:     20 * time.Hour,
		maxRedirects: 10,
		concurrency:  src.Concurrency,
	}
	for _, o := range opts {
		o(c)
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.transport == nil {
		c.transport = http.DefaultTransport.(*http.Transport).Clone()
	}
	if c.concurrency < 1 {
		c.concurrency = 1
	}
	if c.perHost < 1 {
		c.perHost = 1
	}
	if c.attempts < 1 {
		c.attempts = 1
	}
	if len(c.siteNames) == 0 {
		c.sites = src.Sites
	}
	for _, n := range c.siteNames {
		s := src.Site(n)
		if s == nil {
			return nil, fmt.Errorf("crawl: unknown site %q", n)
		}
		c.sites = append(c.sites, s)
	}
	return c, nil
}

// job is one fetch in flight.
type job struct {
	id   string
	st   *URLState
	site *Site
	resp *colly.Response
}

// Run crawls until the night's work is done, ctx is cancelled or the page
// limit is reached, and returns the summary. Fetch failures are counted in
// the summary, not returned; the error is for what stops the crawl (state
// store, archive, ctx). A cancelled run can be started again: it resumes.
func (c *Crawler) Run(ctx context.Context) (sum Summary, err error) {
	c.start = c.now()
	c.sum = Summary{Errors: map[string]int{}}
	stateDir := filepath.Join(c.dataDir, "crawl")
	if c.dryRun {
		tmp, err := os.MkdirTemp("", "thidua-dry-run-")
		if err != nil {
			return c.sum, fmt.Errorf("%w: %w", ErrState, err)
		}
		defer os.RemoveAll(tmp)
		if err := copyFile(filepath.Join(stateDir, "state.db"), filepath.Join(tmp, "state.db")); err != nil && !errors.Is(err, os.ErrNotExist) {
			return c.sum, fmt.Errorf("%w: %w", ErrState, err)
		}
		stateDir = tmp
	}
	c.st, err = openStore(stateDir)
	if err != nil {
		return c.sum, err
	}
	defer func() {
		if cerr := c.st.close(); err == nil {
			err = cerr
		}
	}()
	var w *warc.Writer
	if !c.dryRun {
		w, err = warc.NewWriter(filepath.Join(c.dataDir, "warc"), warc.WriterOptions{Prefix: "thidua", MaxFileSize: c.warcSize, Software: "thidua crawl"})
		if err != nil {
			return c.sum, fmt.Errorf("crawl: archive: %w", err)
		}
		defer func() {
			if cerr := w.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("crawl: archive: %w", cerr)
			}
		}()
	}
	arch := &archiver{next: c.transport, w: w, maxBody: c.maxBody, now: c.now, seen: map[string]*exchange{}}
	c.arch, c.robots = arch, robotsRules{}
	col, err := c.newCollector(arch)
	if err != nil {
		return c.sum, err
	}
	if err := c.beginRun(); err != nil {
		return c.sum, err
	}
	c.log.Info("crawl start", "sites", len(c.sites), "run", c.run, "resumed", c.sum.Resumed, "dry_run", c.dryRun)
	err = c.loop(ctx, col, arch)
	c.sum.Requests = arch.reqs.Load()
	c.sum.Bytes = arch.bytes.Load()
	c.sum.Duration = c.now().Sub(c.start)
	if err == nil && ctx.Err() == nil && !c.limitReached() {
		err = c.endRun()
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	c.log.Info("crawl end", "fetched", c.sum.Fetched, "not_modified", c.sum.NotModified, "new", c.sum.NewArticles, "errors", c.sum.ErrorCount())
	return c.sum, err
}

func (c *Crawler) limitReached() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.maxPages > 0 && c.done >= c.maxPages
}

// loop dispatches due frontier entries to the workers, at most perHost
// per host at a time (1 unless WithHostParallelism), until nothing is due
// within the night.
func (c *Crawler) loop(ctx context.Context, col *colly.Collector, arch *archiver) error {
	type result struct {
		host, url string
		err       error
	}
	jobs := make(chan *job)
	results := make(chan result, c.concurrency)
	var wg sync.WaitGroup
	for range c.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				err := c.fetch(col, arch, j)
				results <- result{hostOf(j.st.URL), j.st.URL, err}
			}
		}()
	}
	defer func() {
		close(jobs)
		wg.Wait()
	}()
	hosts := c.hosts()
	busy := map[string]int{}          // fetches in flight by host
	inflightURLs := map[string]bool{} // their URLs: still in the frontier
	inflight, dispatched := 0, 0
	var fatal error
	rr := 0
	for {
		stop := ctx.Err() != nil || fatal != nil || (c.maxPages > 0 && dispatched >= c.maxPages)
		var picked *job
		var wake time.Time
		if !stop && inflight < c.concurrency {
			now := c.now()
			err := c.st.view(func(tx *bolt.Tx) error {
				for i := range hosts {
					h := hosts[(rr+i)%len(hosts)]
					if busy[h] >= c.perHost {
						continue
					}
					cand, ok, w := next(tx, h, now, inflightURLs)
					if !ok {
						if !w.IsZero() && (wake.IsZero() || w.Before(wake)) {
							wake = w
						}
						continue
					}
					if c.dryRun && cand.prio > 0 {
						continue
					}
					st, err := getState(tx, cand.url)
					if err != nil {
						return err
					}
					if st == nil { // an orphan key: drop it below
						st = &URLState{URL: cand.url, Queued: cand.key}
					}
					rr = (rr + i + 1) % len(hosts)
					picked = &job{st: st, site: c.src.SiteForHost(hostName(cand.url))}
					return nil
				}
				return nil
			})
			if err != nil {
				fatal = err
				continue
			}
		}
		if picked != nil {
			if picked.site == nil {
				if err := c.st.update(func(tx *bolt.Tx) error { return dequeue(tx, picked.st) }); err != nil {
					fatal = err
				}
				continue
			}
			h := hostOf(picked.st.URL)
			busy[h]++
			inflightURLs[picked.st.URL] = true
			inflight++
			dispatched++
			picked.id = strconv.Itoa(dispatched)
			jobs <- picked
			continue
		}
		if inflight == 0 {
			if stop || wake.IsZero() || wake.Sub(c.now()) > c.horizon() {
				return fatal
			}
		}
		// Wait for a worker, or for the next due entry.
		var timer <-chan time.Time
		if !stop && !wake.IsZero() {
			d := max(wake.Sub(c.now()), time.Millisecond)
			timer = time.After(min(d, time.Second))
		}
		select {
		case r := <-results:
			inflight--
			busy[r.host]--
			delete(inflightURLs, r.url)
			if r.err != nil && fatal == nil {
				fatal = r.err
			}
		case <-timer:
		case <-ctx.Done():
			if inflight == 0 {
				return fatal
			}
			r := <-results
			inflight--
			busy[r.host]--
			delete(inflightURLs, r.url)
		}
	}
}

// horizon is how far ahead the run waits for due entries (retries); later
// entries are for another night.
func (c *Crawler) horizon() time.Duration {
	return max(c.backoff.cap(), time.Second) + time.Second
}

// hosts lists the hosts of the crawled sites.
func (c *Crawler) hosts() []string {
	var hs []string
	for _, s := range c.sites {
		hs = append(hs, s.Hosts...)
	}
	return hs
}

// fetch runs one job through colly and settles its outcome in the store.
// The returned error stops the crawl (state or archive failure).
func (c *Crawler) fetch(col *colly.Collector, arch *archiver, j *job) error {
	cctx := colly.NewContext()
	cctx.Put("job", j)
	hdr := http.Header{}
	hdr.Set("User-Agent", c.src.UserAgent)
	hdr.Set(jobHeader, j.id)
	started := c.now()
	if err := c.robotsCheck(j.st.URL); err != nil {
		if errors.Is(err, ErrState) || isArchiveError(err) {
			return err
		}
		return c.settle(j, nil, err, started)
	}
	err := col.Request(http.MethodGet, j.st.URL, nil, cctx, hdr)
	x := arch.take(j.id)
	if err != nil && isArchiveError(err) {
		return err
	}
	return c.settle(j, x, err, started)
}

func isArchiveError(err error) bool {
	var we *warcError
	return errors.As(err, &we)
}

// warcError marks an archive failure (disk full ...): the crawl stops.
type warcError struct{ err error }

func (e *warcError) Error() string { return e.err.Error() }
func (e *warcError) Unwrap() error { return e.err }

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
