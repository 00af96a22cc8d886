package crawl

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	bolt "go.etcd.io/bbolt"
)

var bucketMeta = []byte("meta")

// runMeta is the record of the current or last run.
type runMeta struct {
	ID       int64     `json:"id"`
	Started  time.Time `json:"started"`
	Finished bool      `json:"finished"`
}

// resumeWithin is how old an unfinished run may be and still be resumed
// rather than replaced by a new night.
const resumeWithin = 12 * time.Hour

// beginRun starts or resumes a run and queues the start points. A run
// killed before its end is resumed: what it fetched is not fetched again.
func (c *Crawler) beginRun() error {
	now := c.now()
	return c.st.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		var m runMeta
		if v := b.Get([]byte("run")); v != nil {
			if err := json.Unmarshal(v, &m); err != nil {
				return fmt.Errorf("run record: %w", err)
			}
		}
		if m.ID != 0 && !m.Finished && now.Sub(m.Started) < resumeWithin {
			c.run = m.ID
			c.sum.Resumed = true
		} else {
			m = runMeta{ID: now.UnixNano(), Started: now}
			c.run = m.ID
			v, _ := json.Marshal(m)
			if err := b.Put([]byte("run"), v); err != nil {
				return err
			}
		}
		// What the frontier holds that is due for the sites crawled (left
		// by a killed run, or revisits come due) is this run's to fetch:
		// it counts as queued, for Progress.Pending.
		hosts := map[string]bool{}
		for _, site := range c.sites {
			for _, h := range site.Hosts {
				hosts[h] = true
			}
		}
		if err := tx.Bucket(bucketFrontier).ForEach(func(k, _ []byte) error {
			if _, _, due, u, ok := parseFrontierKey(k); ok && hosts[hostName(u)] && !due.After(now) {
				c.queue++
			}
			return nil
		}); err != nil {
			return err
		}
		for _, site := range c.sites {
			for _, u := range site.Start {
				st, err := getState(tx, u)
				if err != nil {
					return err
				}
				if st == nil {
					st = &URLState{URL: u, Site: site.Name, Kind: KindStart}
					c.sum.Discovered++
				} else if st.Run == c.run || (st.Parked && st.NextDue.After(now)) {
					continue
				}
				// A start point is the sources file's: its 404 is a failure
				// even when a robots.txt named it first.
				if st.Queued == nil || st.NextDue.After(now) {
					c.queue++ // not counted among the frontier's due entries
				}
				st.Run, st.FromRobots = c.run, false
				if err := enqueue(tx, st, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// endRun marks the run finished: the next run is a new night.
func (c *Crawler) endRun() error {
	return c.st.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketMeta)
		m := runMeta{ID: c.run, Started: time.Unix(0, c.run), Finished: true}
		v, _ := json.Marshal(m)
		return b.Put([]byte("run"), v)
	})
}

// parsed is what was read from a response before the state transaction.
type parsed struct {
	final   *url.URL
	xml     bool
	links   []link
	page    htmlPage
	html    string
	charset string
	body    []byte
}

// settle records the outcome of a fetch: state, frontier, discovered links,
// content hashes, summary; and hands a new or changed article to the
// caller. All of it is one bbolt transaction, committed after the WARC
// records were written: a URL is done only once archived.
func (c *Crawler) settle(j *job, x *exchange, ferr error, started time.Time) error {
	now := c.now()
	status := 0
	if j.resp != nil {
		status = j.resp.StatusCode
	} else if x != nil && ferr == nil {
		status = x.status
	}
	errKind := ""
	switch {
	case ferr != nil:
		errKind = errorKind(ferr)
	case status >= 500:
		errKind = "http-5xx"
	case status >= 400:
		errKind = "http-4xx"
		if j.st.FromRobots && j.st.Kind == KindSitemap && (status == http.StatusNotFound || status == http.StatusGone) {
			// A robots.txt names a sitemap the site does not have: the
			// site's stale hint, not a failure of the crawl. It is asked
			// again when robots.txt is, the next night.
			errKind = kindSitemapMissing
		}
	}
	var p parsed
	if errKind == "" && status >= 200 && status < 300 && j.resp != nil {
		p = c.parse(j, x)
	}
	var page *Page
	err := c.st.batch(func(tx *bolt.Tx) error {
		page = nil
		st, err := getState(tx, j.st.URL)
		if err != nil {
			return err
		}
		if st == nil {
			st = j.st
		}
		if err := dequeue(tx, st); err != nil {
			return err
		}
		st.Run = c.run
		if st.Site == "" {
			st.Site = j.site.Name
		}
		switch {
		case errKind != "":
			return c.failed(tx, st, errKind, status, x, ferr, now)
		case status == http.StatusNotModified:
			st.Status, st.LastFetch, st.Attempts, st.Errors, st.LastError, st.Parked = status, now, 0, 0, "", false
			c.count(func(s *Summary) { s.NotModified++ })
		default:
			st.Status, st.LastFetch, st.Attempts, st.Errors, st.LastError, st.Parked = status, now, 0, 0, "", false
			if x != nil {
				st.Location = x.loc
			}
			if h := j.resp.Headers; h != nil {
				st.ETag, st.LastModified = h.Get("ETag"), h.Get("Last-Modified")
			}
			c.count(func(s *Summary) { s.Fetched++ })
			if p.xml {
				if st.Kind == KindStart || st.Kind == KindPage {
					st.Kind = KindSitemap
				}
				for _, l := range p.links {
					if err := c.discover(tx, st, j.site, l, true, now); err != nil {
						return err
					}
				}
			} else {
				if st.Kind == KindArticle {
					if page, err = c.articleDone(tx, st, j, p, started); err != nil {
						return err
					}
				}
				for _, u := range p.page.links {
					if err := c.discover(tx, st, j.site, link{url: u}, false, now); err != nil {
						return err
					}
				}
			}
		}
		if err := putState(tx, st); err != nil {
			return err
		}
		if page != nil && c.article != nil {
			c.article(*page)
		}
		return nil
	})
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.done++
	prog := Progress{Done: c.done, Pending: max(c.queue-c.done, 0), Errors: c.sum.ErrorCount(), URL: j.st.URL}
	c.mu.Unlock()
	if errKind == kindSitemapMissing {
		c.log.Info("robots.txt names a missing sitemap", "url", j.st.URL, "status", status)
	} else if errKind != "" {
		c.log.Warn("fetch failed", "url", j.st.URL, "kind", errKind, "status", status, "err", ferr)
	} else {
		c.log.Debug("fetched", "url", j.st.URL, "status", status)
	}
	if c.progress != nil {
		c.progress(prog)
	}
	return nil
}

func (c *Crawler) count(fn func(*Summary)) {
	c.mu.Lock()
	fn(&c.sum)
	c.mu.Unlock()
}

// parse reads links (and for HTML the decoded text) outside the
// transaction.
func (c *Crawler) parse(j *job, x *exchange) parsed {
	p := parsed{final: j.resp.Request.URL}
	body := j.resp.Body
	if x != nil {
		body = x.body // the bytes as received, not colly's re-encoding
	}
	p.body = body
	ct := j.resp.Headers.Get("Content-Type")
	switch k := docKind(body); {
	case k == KindSitemap || k == KindFeed:
		p.xml = true
		p.links = parseXMLLinks(p.final, body)
		return p
	}
	html, cs, err := decodeBody(body, ct)
	if err != nil {
		c.log.Warn("decode", "url", j.st.URL, "err", err)
	}
	p.html, p.charset = html, cs
	p.page = parseHTML(p.final, html, j.site)
	return p
}

// articleDone settles an article page: the canonical URL it is recorded
// under, duplicates by content hash, and the Page to report when the
// article is new or changed.
func (c *Crawler) articleDone(tx *bolt.Tx, st *URLState, j *job, p parsed, started time.Time) (*Page, error) {
	canon := st.URL
	target := st
	site := j.site
	if cu := p.page.canonical; cu != "" && cu != st.URL && c.canonicalSite(j.site, cu) != nil {
		// rel=canonical to a host of this site or of another configured
		// site (a mobile edition pointing at the main one): the article
		// is recorded under the canonical URL and its site.
		site = c.canonicalSite(j.site, cu)
		st.CanonicalOf = cu
		cst, err := getState(tx, cu)
		if err != nil {
			return nil, err
		}
		if cst == nil {
			cst = &URLState{URL: cu, Site: site.Name, Kind: KindArticle}
		}
		if cst.Queued != nil && !cst.NextDue.After(st.LastFetch) {
			c.mu.Lock()
			c.queue-- // counted as pending, and now not fetched
			c.mu.Unlock()
		}
		if err := dequeue(tx, cst); err != nil { // one fetch per canonical URL
			return nil, err
		}
		cst.Run, cst.LastFetch, cst.Status, cst.Location = c.run, st.LastFetch, st.Status, st.Location
		canon, target = cu, cst
	}
	hash := contentHash(p.page.text, p.body)
	owner, err := hashOwner(tx, hash, canon)
	if err != nil {
		return nil, err
	}
	prev := target.Hash
	target.Hash, st.Hash = hash, hash
	if target != st {
		if err := putState(tx, target); err != nil {
			return nil, err
		}
	}
	if owner != canon {
		st.DuplicateOf = owner
		c.count(func(s *Summary) { s.Duplicates++ })
		return nil, nil
	}
	if prev == hash {
		return nil, nil
	}
	page := &Page{
		URL: p.final.String(), Canonical: canon, Site: site.Name, Province: site.Province,
		HTML: p.html, Charset: p.charset, Fetched: started, LastModified: st.LastModified,
		Location: st.Location, Changed: prev != "",
	}
	c.count(func(s *Summary) {
		if page.Changed {
			s.ChangedArticles++
		} else {
			s.NewArticles++
		}
	})
	return page, nil
}

// canonicalSite is the site a rel=canonical target belongs to: the page's
// own site or another configured one; nil for a host no site has.
func (c *Crawler) canonicalSite(site *Site, cu string) *Site {
	h := hostName(cu)
	if site.hasHost(h) {
		return site
	}
	return c.src.SiteForHost(h)
}

// failed settles a fetch that failed: a retry later tonight with backoff,
// or the next night, or parking after several failing nights.
func (c *Crawler) failed(tx *bolt.Tx, st *URLState, kind string, status int, x *exchange, ferr error, now time.Time) error {
	st.Status, st.LastError = status, kind
	if x != nil && x.loc.File != "" {
		st.Location = x.loc
	}
	if kind == "robots" {
		c.count(func(s *Summary) { s.RobotsDisallowed++; s.Errors[kind]++ })
		return putState(tx, st)
	}
	if kind == kindSitemapMissing {
		c.count(func(s *Summary) { s.Errors[kind]++ })
		return putState(tx, st)
	}
	if !retryable(kind, status) {
		st.Errors++
		c.count(func(s *Summary) { s.Errors[kind]++ })
		return putState(tx, st)
	}
	st.Attempts++
	if st.Attempts < c.attempts {
		ra := ""
		if x != nil {
			ra = x.retryAfter
		}
		wait := c.backoff.Wait(st.Attempts-1, ra, now)
		c.count(func(s *Summary) { s.Retries++ })
		c.mu.Lock()
		c.queue++
		c.mu.Unlock()
		return enqueue(tx, st, now.Add(wait))
	}
	st.Attempts = 0
	st.Errors++
	c.count(func(s *Summary) { s.Errors[kind]++ })
	if st.Errors >= c.parkAfter {
		st.Parked = true
		c.count(func(s *Summary) { s.Parked++ })
		c.log.Warn("parked", "url", st.URL, "nights", st.Errors, "kind", kind)
		return enqueue(tx, st, now.Add(c.parkFor))
	}
	return enqueue(tx, st, now.Add(c.nightGap))
}

// discover considers a link found on from: it is queued when it belongs to
// the site, is not refused (never, trap, depth, pagination, --since) and is
// new, or is a listing or sitemap not yet revisited tonight, or an article
// its sitemap or feed dates after the last fetch.
func (c *Crawler) discover(tx *bolt.Tx, from *URLState, site *Site, l link, fromXML bool, now time.Time) error {
	u := l.url
	if u == from.URL || !site.hasHost(hostName(u)) || site.IsNever(u) {
		return nil
	}
	isArt, isList := site.IsArticle(u), site.IsListing(u)
	linkDepth := from.Depth + 1
	if from.Kind.revisited() {
		linkDepth = 1
	}
	var kind Kind
	depth := 0
	switch {
	case l.sitemap:
		kind = KindSitemap
	case isArt:
		kind = KindArticle
		if !fromXML {
			depth = linkDepth
			if from.Kind.revisited() {
				depth = 0
			}
		}
	case fromXML && isList:
		kind = KindListing
	case fromXML:
		return nil // sitemaps list every page: only articles and listings matter
	case isList:
		kind = KindListing
		depth = from.Depth + 1
		if from.Kind == KindStart {
			depth = 1
		}
		if depth > c.src.MaxPagination {
			return c.refuse(tx, u, site, "pagination bound")
		}
	default:
		kind, depth = KindPage, linkDepth
	}
	if depth > c.src.MaxDepth && kind != KindListing {
		return nil
	}
	if kind != KindArticle && kind != KindSitemap {
		if r := trapReason(u); r != "" {
			return c.refuse(tx, u, site, r)
		}
	}
	if kind == KindArticle && !c.since.IsZero() && !l.lastmod.IsZero() && l.lastmod.Before(c.since) {
		return nil
	}
	if v := tx.Bucket(bucketURLs).Get([]byte(u)); v != nil && settledOrQueued(v, c.run) {
		return nil // the checks below would skip it: no need to decode
	}
	st, err := getState(tx, u)
	if err != nil {
		return err
	}
	if st == nil {
		st = &URLState{URL: u, Site: site.Name, Kind: kind, FromRobots: l.robots, Depth: depth, Lastmod: l.lastmod, Run: c.run}
		c.mu.Lock()
		c.sum.Discovered++
		c.queue++
		if c.dryRun && kind.priority() > 0 {
			c.sum.WouldFetch++
		}
		c.mu.Unlock()
		return enqueue(tx, st, now)
	}
	if st.Queued != nil || st.Run == c.run || (st.Parked && st.NextDue.After(now)) || st.LastError == "trap" {
		return nil
	}
	revisit := false
	switch {
	case st.Kind == KindSitemap || st.Kind == KindFeed:
		revisit = l.lastmod.IsZero() || l.lastmod.After(st.LastFetch)
	case st.Kind.revisited():
		revisit = true
	case st.Kind == KindArticle:
		revisit = !l.lastmod.IsZero() && l.lastmod.After(st.LastFetch)
	}
	if !revisit {
		return nil
	}
	if !l.lastmod.IsZero() {
		st.Lastmod = l.lastmod
	}
	st.Run = c.run
	c.mu.Lock()
	c.queue++
	if c.dryRun && st.Kind.priority() > 0 {
		c.sum.WouldFetch++
	}
	c.mu.Unlock()
	return enqueue(tx, st, now)
}

// refuse records a trap URL once, so that it is counted once.
func (c *Crawler) refuse(tx *bolt.Tx, u string, site *Site, reason string) error {
	st, err := getState(tx, u)
	if err != nil || st != nil {
		return err
	}
	c.count(func(s *Summary) { s.Traps++; s.Errors["trap"]++ })
	c.log.Debug("trap", "url", u, "reason", reason)
	return putState(tx, &URLState{URL: u, Site: site.Name, Kind: KindPage, LastError: "trap", Run: c.run})
}
