package crawl

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/thidua/thidua/crawl/warc"
	bolt "go.etcd.io/bbolt"
)

// ErrState is wrapped by errors of the state store (open, lock, read,
// write): the crawl cannot run.
var ErrState = errors.New("crawl: state store")

// Kind is what a URL is to the crawler.
type Kind string

// Kinds of URL. A start point's kind is known once it is fetched.
const (
	KindStart   Kind = "start"
	KindSitemap Kind = "sitemap"
	KindFeed    Kind = "feed"
	KindListing Kind = "listing"
	KindArticle Kind = "article"
	KindPage    Kind = "page" // a page of the shallow link crawl
	KindRobots  Kind = "robots"
)

// priority orders the frontier: discovery before depth.
func (k Kind) priority() byte {
	switch k {
	case KindStart, KindSitemap, KindFeed:
		return 0
	case KindListing:
		return 1
	case KindArticle:
		return 2
	}
	return 3
}

// revisited reports whether the kind is fetched again (conditionally) on
// every run: start points, sitemaps, feeds and listings.
func (k Kind) revisited() bool {
	return k == KindStart || k == KindSitemap || k == KindFeed || k == KindListing
}

// URLState is what the state store keeps per canonical URL.
type URLState struct {
	URL          string        `json:"url"`
	Site         string        `json:"site"`
	Kind         Kind          `json:"kind"`
	FromRobots   bool          `json:"from_robots,omitempty"` // a sitemap first known from a robots.txt Sitemap line
	Depth        int           `json:"depth,omitempty"`       // link-crawl depth, or pagination depth for listings
	ETag         string        `json:"etag,omitempty"`
	LastModified string        `json:"last_modified,omitempty"`
	Lastmod      time.Time     `json:"lastmod,omitzero"` // from the sitemap or feed that listed it
	Hash         string        `json:"hash,omitempty"`   // sha256 of the main text
	DuplicateOf  string        `json:"duplicate_of,omitempty"`
	CanonicalOf  string        `json:"canonical,omitempty"` // rel=canonical target when it differs
	Status       int           `json:"status,omitempty"`
	LastFetch    time.Time     `json:"last_fetch,omitzero"`
	NextDue      time.Time     `json:"next_due,omitzero"`
	Errors       int           `json:"errors,omitempty"`   // failing nights in a row
	Attempts     int           `json:"attempts,omitempty"` // attempts in the current night
	LastError    string        `json:"last_error,omitempty"`
	Parked       bool          `json:"parked,omitempty"`
	Location     warc.Location `json:"warc,omitzero"`
	Queued       []byte        `json:"queued,omitempty"` // frontier key while queued
	Run          int64         `json:"run,omitempty"`    // run (start time, unix ns) that last queued or fetched it
}

var (
	bucketURLs     = []byte("urls")
	bucketFrontier = []byte("frontier")
	bucketHashes   = []byte("hashes")
)

// store is the crawl's bbolt state: per-URL state, the frontier ordered
// by host, priority and due time, and content hashes. Nothing of it is
// held in Go maps, so memory stays flat however many URLs are known.
type store struct {
	db   *bolt.DB
	path string
}

// openStore opens (creating) <dir>/state.db. A second crawl on the same
// data directory fails at once with ErrState (bbolt's file lock).
func openStore(dir string) (*store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrState, dir, err)
	}
	p := filepath.Join(dir, "state.db")
	db, err := bolt.Open(p, 0o644, &bolt.Options{Timeout: 2 * time.Second, NoFreelistSync: true, FreelistType: bolt.FreelistMapType})
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrState, p, err)
	}
	// Each page's state is committed with its WARC location (alone or in
	// a batch with the pages settled at the same moment); the commit
	// reaches the file with write(2), so a killed process loses nothing.
	// fsync is left to the end of the run (Sync) for speed: a power cut
	// may lose the last pages' state, which are then fetched again.
	db.NoSync = true
	// Pages settled at the same moment share a commit (store.batch); a
	// short wait keeps a lone worker's page from waiting long for company.
	db.MaxBatchDelay = 2 * time.Millisecond
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketURLs, bucketFrontier, bucketHashes} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%w: %s: %w", ErrState, p, err)
	}
	return &store{db: db, path: p}, nil
}

func (s *store) close() error {
	err := s.db.Sync()
	if cerr := s.db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrState, s.path, err)
	}
	return nil
}

func (s *store) update(fn func(tx *bolt.Tx) error) error {
	if err := s.db.Update(fn); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrState, s.path, err)
	}
	return nil
}

// batch runs fn in a transaction shared with the other goroutines'
// concurrent calls (bbolt's Batch): one commit for several pages. fn may be
// run more than once when another call of the batch fails, which only
// happens when the store itself fails and the crawl stops.
func (s *store) batch(fn func(tx *bolt.Tx) error) error {
	if err := s.db.Batch(fn); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrState, s.path, err)
	}
	return nil
}

func (s *store) view(fn func(tx *bolt.Tx) error) error {
	if err := s.db.View(fn); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrState, s.path, err)
	}
	return nil
}

func getState(tx *bolt.Tx, u string) (*URLState, error) {
	v := tx.Bucket(bucketURLs).Get([]byte(u))
	if v == nil {
		return nil, nil
	}
	st := &URLState{}
	if err := json.Unmarshal(v, st); err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	return st, nil
}

// settledOrQueued reports, without decoding it, whether the stored state
// v is queued in the frontier or belongs to run: the JSON that putState
// writes has "queued" only when set and ends with the run field (the last
// of URLState). discover skips such a URL, and most links on a page are.
func settledOrQueued(v []byte, run int64) bool {
	if bytes.Contains(v, []byte(`"queued":`)) {
		return true
	}
	var tail [32]byte
	t := append(append(tail[:0], `"run":`...), strconv.FormatInt(run, 10)...)
	return bytes.HasSuffix(v, append(t, '}'))
}

func putState(tx *bolt.Tx, st *URLState) error {
	v, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketURLs).Put([]byte(st.URL), v)
}

// frontierKey is host NUL priority due(8 bytes, big endian unix ns) url:
// a cursor seek on host NUL priority finds that host's earliest entry.
func frontierKey(host string, prio byte, due time.Time, u string) []byte {
	k := make([]byte, 0, len(host)+10+len(u))
	k = append(k, host...)
	k = append(k, 0, prio)
	k = binary.BigEndian.AppendUint64(k, uint64(due.UnixNano()))
	return append(k, u...)
}

func parseFrontierKey(k []byte) (host string, prio byte, due time.Time, u string, ok bool) {
	i := bytes.IndexByte(k, 0)
	if i < 0 || len(k) < i+10 {
		return "", 0, time.Time{}, "", false
	}
	due = time.Unix(0, int64(binary.BigEndian.Uint64(k[i+2:i+10])))
	return string(k[:i]), k[i+1], due, string(k[i+10:]), true
}

// enqueue puts st in the frontier, due at due, replacing an older entry.
func enqueue(tx *bolt.Tx, st *URLState, due time.Time) error {
	f := tx.Bucket(bucketFrontier)
	if st.Queued != nil {
		if err := f.Delete(st.Queued); err != nil {
			return err
		}
	}
	st.Queued = frontierKey(hostOf(st.URL), st.Kind.priority(), due, st.URL)
	st.NextDue = due
	if err := f.Put(st.Queued, nil); err != nil {
		return err
	}
	return putState(tx, st)
}

// dequeue removes st's frontier entry (the URL is done for now).
func dequeue(tx *bolt.Tx, st *URLState) error {
	if st.Queued == nil {
		return nil
	}
	err := tx.Bucket(bucketFrontier).Delete(st.Queued)
	st.Queued = nil
	return err
}

// candidate is the earliest frontier entry of a host.
type candidate struct {
	key  []byte
	url  string
	due  time.Time
	prio byte
}

// next returns the host's first entry by priority that is due at now and
// not in flight (inflight may be nil: none is); when none is due, ok is
// false and wake is the earliest due time of the host's entries (zero when
// it has none).
func next(tx *bolt.Tx, host string, now time.Time, inflight map[string]bool) (c candidate, ok bool, wake time.Time) {
	cur := tx.Bucket(bucketFrontier).Cursor()
	for p := byte(0); p <= 3; p++ {
		prefix := append(append([]byte(host), 0), p)
		for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
			_, prio, due, u, okk := parseFrontierKey(k)
			if !okk {
				break
			}
			if due.After(now) {
				if wake.IsZero() || due.Before(wake) {
					wake = due
				}
				break
			}
			if inflight[u] {
				continue
			}
			return candidate{key: append([]byte(nil), k...), url: u, due: due, prio: prio}, true, time.Time{}
		}
	}
	return candidate{}, false, wake
}

// hashOwner returns the URL that first had this content hash, recording u
// as the owner when the hash is new.
func hashOwner(tx *bolt.Tx, hash, u string) (string, error) {
	b := tx.Bucket(bucketHashes)
	if v := b.Get([]byte(hash)); v != nil {
		return string(v), nil
	}
	return u, b.Put([]byte(hash), []byte(u))
}

// States calls fn for every URL in the state store of dataDir, in URL order
// (for reports and tests). It opens the store read-only.
func States(dataDir string, fn func(URLState) error) error {
	p := filepath.Join(dataDir, "crawl", "state.db")
	db, err := bolt.Open(p, 0o644, &bolt.Options{ReadOnly: true, Timeout: 2 * time.Second})
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrState, p, err)
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketURLs)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var st URLState
			if err := json.Unmarshal(v, &st); err != nil {
				return fmt.Errorf("%w: %s: %s: %w", ErrState, p, k, err)
			}
			return fn(st)
		})
	})
}
