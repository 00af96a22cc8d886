package crawl

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"

	"github.com/gocolly/colly/v2"
	"github.com/temoto/robotstxt"
	bolt "go.etcd.io/bbolt"
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
	status, body := 0, stored
	if st != nil && st.Run == c.run && st.Status != 0 {
		status = st.Status // fetched earlier in this run: not again
	} else {
		if status, body, err = c.fetchRobots(key, st, stored); err != nil {
			return nil, err
		}
	}
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil {
		// An unparsable file is read as allowing everything, as colly did
		// with parse errors of single lines.
		data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	}
	h.group = data.FindGroup(c.src.UserAgent)
	return h.group, nil
}

// fetchRobots asks for key through the archiving transport, conditionally
// when an earlier night stored the file, and records the answer: the
// URLState (kind robots, validators, WARC location) and the body of a 2xx.
// A 304 keeps the stored body and status.
func (c *Crawler) fetchRobots(key string, st *URLState, stored []byte) (int, []byte, error) {
	req, err := http.NewRequest(http.MethodGet, key, nil)
	if err != nil {
		return 0, nil, fmt.Errorf("%w: %q: %w", ErrURL, key, err)
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
			return 0, nil, err
		}
		return 0, nil, fmt.Errorf("crawl: robots.txt %s: %w", key, err)
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
		return putState(tx, st)
	})
	if err != nil {
		return 0, nil, err
	}
	return status, body, nil
}
