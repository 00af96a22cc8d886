package crawl

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"

	"github.com/gocolly/colly/v2"
	"github.com/temoto/robotstxt"
	bolt "go.etcd.io/bbolt"
	"golang.org/x/net/publicsuffix"
)

// bucketRobots keeps the last robots.txt body of each host (key: its URL),
// beside its URLState in bucketURLs (Kind robots): a resumed run reads the
// rules from here instead of asking again, the next night asks with
// If-None-Match / If-Modified-Since and keeps these on a 304.
var bucketRobots = []byte("robots")

// robotsRules holds the robots.txt rules of the hosts seen in this run,
// one entry per scheme and host, each read or fetched once.
type robotsRules struct {
	mu    sync.Mutex
	hosts map[string]*robotsHost
}

type robotsHost struct {
	mu    sync.Mutex // held while the host's robots.txt is read or fetched
	group *robotstxt.Group
}

func (r *robotsRules) host(key string) *robotsHost {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.hosts == nil {
		r.hosts = map[string]*robotsHost{}
	}
	h := r.hosts[key]
	if h == nil {
		h = &robotsHost{}
		r.hosts[key] = h
	}
	return h
}

// robotsCheck returns nil when robots.txt lets the crawler fetch raw, an
// error wrapping colly.ErrRobotsTxtBlocked when it does not, and the
// error of the robots.txt fetch when that failed (the URL's fetch fails
// with it, as colly's own check did). Errors of the state store and the
// archive stop the crawl (ErrState, *warcError).
func (c *Crawler) robotsCheck(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%w: %q: %w", ErrURL, raw, err)
	}
	g, err := c.robotsGroup(u.Scheme, u.Host)
	if err != nil {
		return err
	}
	if !g.Test(u.RequestURI()) {
		return fmt.Errorf("%w: %s", colly.ErrRobotsTxtBlocked, raw)
	}
	return nil
}

// robotsGroup returns the rules for the crawler's user agent on one host:
// from memory, else from the state store when this run already fetched
// them (a resumed run), else fetched (conditionally when an earlier night
// stored them), archived and recorded like any URL.
func (c *Crawler) robotsGroup(scheme, host string) (*robotstxt.Group, error) {
	key := scheme + "://" + host + "/robots.txt"
	h := c.robots.host(key)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.group != nil {
		return h.group, nil
	}
	var st *URLState
	var stored []byte
	err := c.st.view(func(tx *bolt.Tx) error {
		var err error
		if st, err = getState(tx, key); err != nil {
			return err
		}
		if b := tx.Bucket(bucketRobots); b != nil {
			stored = append([]byte(nil), b.Get([]byte(key))...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var data *robotstxt.RobotsData
	if st != nil && st.Run == c.run && st.Status != 0 {
		data = parseRobots(st.Status, stored) // fetched earlier in this run: not again
	} else if data, err = c.fetchRobots(key, st, stored); err != nil {
		return nil, err
	}
	h.group = data.FindGroup(c.src.UserAgent)
	return h.group, nil
}

// parseRobots reads a robots.txt answer. An unparsable file is read as
// allowing everything, as colly did with parse errors of single lines.
func parseRobots(status int, body []byte) *robotstxt.RobotsData {
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil {
		data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	}
	return data
}

// fetchRobots asks for key through the archiving transport, conditionally
// when an earlier night stored the file, and records the answer: the
// URLState (kind robots, validators, WARC location) and the body of a 2xx.
// A 304 keeps the stored body and status. The file's Sitemap lines are
// discovered (robotsSitemaps) in the transaction that records it, so that a
// run killed after it and resumed, which reads the file from the store, has
// them queued.
func (c *Crawler) fetchRobots(key string, st *URLState, stored []byte) (*robotstxt.RobotsData, error) {
	req, err := http.NewRequest(http.MethodGet, key, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %w", ErrURL, key, err)
	}
	id := "robots " + key
	req.Header.Set("User-Agent", c.src.UserAgent)
	req.Header.Set(jobHeader, id)
	if st != nil && stored != nil {
		if st.ETag != "" {
			req.Header.Set("If-None-Match", st.ETag)
		}
		if st.LastModified != "" {
			req.Header.Set("If-Modified-Since", st.LastModified)
		}
	}
	client := &http.Client{Transport: c.arch, Timeout: c.timeout}
	resp, err := client.Do(req)
	x := c.arch.take(id)
	if err != nil {
		if isArchiveError(err) {
			return nil, err
		}
		return nil, fmt.Errorf("crawl: robots.txt %s: %w", key, err)
	}
	resp.Body.Close()
	now := c.now()
	if st == nil {
		st = &URLState{URL: key, Kind: KindRobots}
		if s := c.src.SiteForHost(hostName(key)); s != nil {
			st.Site = s.Name
		}
	}
	status, body := resp.StatusCode, []byte(nil)
	if x != nil {
		body = x.body
	}
	notModified := status == http.StatusNotModified && stored != nil && st.Status != 0
	if notModified {
		status, body = st.Status, stored
		c.count(func(s *Summary) { s.NotModified++ })
	} else {
		st.Status = status
		st.ETag, st.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
		if x != nil && x.loc.File != "" {
			st.Location = x.loc
		}
	}
	st.LastFetch, st.Run = now, c.run
	data := parseRobots(status, body)
	site := c.src.SiteForHost(hostName(key))
	var sitemaps []link
	if site != nil {
		sitemaps = c.robotsSitemaps(key, site, data.Sitemaps)
	}
	err = c.st.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketRobots)
		if err != nil {
			return err
		}
		switch {
		case notModified:
		case status >= 200 && status < 300:
			if err := b.Put([]byte(key), body); err != nil {
				return err
			}
		default:
			if err := b.Delete([]byte(key)); err != nil {
				return err
			}
		}
		if err := putState(tx, st); err != nil {
			return err
		}
		for _, l := range sitemaps {
			if err := c.discover(tx, st, site, l, true, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return data, nil
}

// Bounds on the Sitemap lines of one robots.txt: how many lines are read,
// and how many sitemaps are queued from them.
const (
	maxRobotsSitemapLines = 1000
	maxRobotsSitemaps     = 50
)

// robotsSitemaps returns the Sitemap lines of the robots.txt at key that
// the crawl follows, as sitemap links in canonical form, without repeats:
// those on a host of the robots.txt's site that has the same registrable
// domain (eTLD+1) as the robots.txt's host; another site's sitemap, or one
// on a host the site does not list, is not followed. At most
// maxRobotsSitemaps are returned, from the first maxRobotsSitemapLines
// lines. discover then applies the site's rules (never patterns, known
// URLs); robots.txt itself is checked when each is fetched.
func (c *Crawler) robotsSitemaps(key string, site *Site, lines []string) []link {
	base, err := url.Parse(key)
	if err != nil {
		return nil
	}
	from := hostName(key)
	if len(lines) > maxRobotsSitemapLines {
		c.log.Info("robots.txt sitemaps cut", "robots", key, "lines", len(lines), "read", maxRobotsSitemapLines)
		lines = lines[:maxRobotsSitemapLines]
	}
	var out []link
	seen := map[string]bool{}
	for _, s := range lines {
		u, ok := resolve(base, s)
		if !ok || seen[u] {
			continue
		}
		seen[u] = true
		if h := hostName(u); !site.hasHost(h) || !sameRegistrable(h, from) {
			c.log.Debug("robots.txt sitemap on another site", "robots", key, "sitemap", u)
			continue
		}
		if len(out) == maxRobotsSitemaps {
			c.log.Info("robots.txt sitemaps cut", "robots", key, "queued", maxRobotsSitemaps)
			break
		}
		out = append(out, link{url: u, sitemap: true, robots: true})
	}
	return out
}

// sameRegistrable reports whether two host names share their registrable
// domain (baonghean.vn and www.baonghean.vn; not hatinh.gov.vn and
// nghean.gov.vn, gov.vn being a public suffix). A name without one (an IP
// address, localhost) is only the same as itself.
func sameRegistrable(a, b string) bool {
	if a == b {
		return true
	}
	ra, erra := publicsuffix.EffectiveTLDPlusOne(a)
	rb, errb := publicsuffix.EffectiveTLDPlusOne(b)
	return erra == nil && errb == nil && ra == rb
}
