package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/thidua/thidua/extract"
	"github.com/thidua/thidua/internal/fastjson"
	bolt "go.etcd.io/bbolt"
)

// The store is one bbolt file (records/store.db): every write is a
// transaction that is synced before it returns, so a crash leaves the last
// committed state, never a torn record. Buckets:
//
//	records  id -> the record's JSON (spec/record.md form) without its links
//	links    id -> the record's links as a JSON list, absent when it has none
//	cells    province \x1f province_2025 \x1f year -> packed cell entries (cells.go)
//	keys     link key -> ids sharing it, "\n"-separated (links.go)
//	meta     "generation" -> uint64, bumped by every Put; "updated" -> RFC 3339;
//	         "format" -> uint64, storeFormat
//
// Links live in a bucket of their own so that linking a new record to
// earlier ones rewrites their short lists of links, not their records.
// Readers (Get, All) merge them back into Record.Links. Stores of format
// 1 (no "format" key) kept the links at the end of the records' JSON: a
// read-write Open moves them out (migrateLinks); until then readers take
// the links from the JSON when the links bucket has none.
const storeFile = "store.db"

// storeFormat is the layout of the store: 2 since links have a bucket of
// their own.
const storeFormat = 2

var (
	bucketRecords = []byte("records")
	bucketCells   = []byte("cells")
	bucketKeys    = []byte("keys")
	bucketMeta    = []byte("meta")
	bucketLinks   = []byte("links")

	keyGeneration = []byte("generation")
	keyUpdated    = []byte("updated")
	keyFormat     = []byte("format")
)

func openStore(path string, opts Options) (*bolt.DB, error) {
	db, err := lockStore(path, opts)
	if err != nil {
		return nil, err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketRecords, bucketCells, bucketKeys, bucketMeta, bucketLinks} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = migrateLinks(db, opts.Log)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("corpus: open store %s: %w", path, err)
	}
	return db, nil
}

// PutStats says what a Put did.
type PutStats struct {
	Added, Updated int // records new to the store, and replaced
	Linked         int // records written whose links changed (new records with links included)
	Generation     uint64
}

// Put stores records (replacing those with the same id) and indexes them.
// Syndicated copies and records of the same event are linked both ways
// (see links.go). A record without an id gets one from its URL as the
// record contract says; one with neither is rejected with ErrNoID and
// nothing is stored. The store is written first; if indexing then fails,
// the index is behind and Open rebuilds it.
func (c *Corpus) Put(recs ...extract.Record) (PutStats, error) {
	return c.put(recs, true)
}

// put is Put; with index false it writes the store only, leaving the index
// behind.
func (c *Corpus) put(recs []extract.Record, index bool) (PutStats, error) {
	if c.ro {
		return PutStats{}, fmt.Errorf("corpus: put into %s: %w", c.dir, ErrReadOnly)
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	st, changed, err := c.store(recs)
	if err != nil || !index {
		return st, err
	}
	if err := c.indexRecords(changed, st.Generation); err != nil {
		return st, err
	}
	return st, nil
}

// store writes records to the store in one transaction and returns the
// records to index: those given, when they changed. The caller holds wmu.
func (c *Corpus) store(recs []extract.Record) (PutStats, []extract.Record, error) {
	if len(recs) == 0 {
		return PutStats{}, nil, nil
	}
	prepared := make([]extract.Record, len(recs))
	for i, r := range recs {
		p, err := prepare(r)
		if err != nil {
			return PutStats{}, nil, err
		}
		prepared[i] = p
	}
	var st PutStats
	var changed []extract.Record // to index
	err := c.db.Update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		for _, r := range prepared {
			existed, err := w.put(r)
			if err != nil {
				return err
			}
			if existed {
				st.Updated++
			} else {
				st.Added++
			}
		}
		var err error
		changed, st.Linked, err = w.flush()
		if err != nil {
			return err
		}
		st.Generation, err = bumpGeneration(tx)
		return err
	})
	if err != nil {
		return PutStats{}, nil, fmt.Errorf("corpus: put: %w", err)
	}
	return st, changed, nil
}

// prepare checks a record and fills what the store can derive: the id
// from the URL, the source host, province_2025, the canonical province.
// Links are the store's: those a record brings are dropped.
func prepare(r extract.Record) (extract.Record, error) {
	if r.ID == "" {
		if r.URL == "" {
			return r, ErrNoID
		}
		sum := sha256.Sum256([]byte(r.URL))
		r.ID = hex.EncodeToString(sum[:])[:16]
	}
	if r.Source == "" && r.URL != "" {
		if u, err := url.Parse(r.URL); err == nil {
			r.Source = u.Hostname()
		}
	}
	if r.Province != "" {
		if p, ok := extract.ProvinceByName(r.Province); ok {
			r.Province = p.Name
		}
		if r.Province2025 == "" {
			r.Province2025 = extract.Province2025(r.Province)
		}
	}
	r.Links = nil
	return r, nil
}

func bumpGeneration(tx *bolt.Tx) (uint64, error) {
	m := tx.Bucket(bucketMeta)
	g := decodeUint(m.Get(keyGeneration)) + 1
	if err := m.Put(keyGeneration, encodeUint(g)); err != nil {
		return 0, err
	}
	return g, m.Put(keyUpdated, []byte(time.Now().UTC().Format(time.RFC3339)))
}

func encodeUint(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

func decodeUint(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// Generation is the store's generation: the number of Puts it has seen.
// The index records the generation it reflects.
func (c *Corpus) Generation() (uint64, error) {
	var g uint64
	err := c.db.View(func(tx *bolt.Tx) error {
		g = decodeUint(tx.Bucket(bucketMeta).Get(keyGeneration))
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("corpus: generation: %w", err)
	}
	return g, nil
}

// Get returns the record with the given id.
func (c *Corpus) Get(id string) (extract.Record, bool, error) {
	var r extract.Record
	var ok bool
	err := c.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketRecords).Get([]byte(id))
		if v == nil {
			return nil
		}
		ok = true
		return readRecord(tx.Bucket(bucketLinks), []byte(id), v, &r)
	})
	if err != nil {
		return extract.Record{}, false, fmt.Errorf("corpus: get %s: %w", id, err)
	}
	return r, ok, nil
}

// All iterates over every record in id order. The store stays readable and
// writable during the iteration, which sees the records as they were when
// it started.
func (c *Corpus) All() iter.Seq2[extract.Record, error] {
	return func(yield func(extract.Record, error) bool) {
		err := c.db.View(func(tx *bolt.Tx) error {
			cur := tx.Bucket(bucketRecords).Cursor()
			links := tx.Bucket(bucketLinks)
			for k, v := cur.First(); k != nil; k, v = cur.Next() {
				var r extract.Record
				if err := readRecord(links, k, v, &r); err != nil {
					if !yield(extract.Record{}, fmt.Errorf("corpus: record %s: %w", k, err)) {
						return errStop
					}
					continue
				}
				if !yield(r, nil) {
					return errStop
				}
			}
			return nil
		})
		if err != nil && err != errStop {
			yield(extract.Record{}, fmt.Errorf("corpus: read records: %w", err))
		}
	}
}

// errStop ends a bbolt iteration when the consumer stops early.
var errStop = fmt.Errorf("corpus: stopped")

// readRecord decodes the stored record v of id k into r with its links:
// those of the links bucket (lb, nil in a store of format 1 opened
// read-only), or else those the JSON holds (format 1).
func readRecord(lb *bolt.Bucket, k, v []byte, r *extract.Record) error {
	if err := fastjson.Unmarshal(v, r); err != nil {
		return err
	}
	if lb == nil {
		return nil
	}
	if lv := lb.Get(k); lv != nil {
		r.Links = nil
		return fastjson.Unmarshal(lv, &r.Links)
	}
	return nil
}

// migrateLinks moves the links of a store of format 1 out of the records'
// JSON into the links bucket, a few thousand records per transaction (a
// record and its links move in one), and then marks the store with
// storeFormat. Killed midway, it goes on at the next Open: a record moved
// has no links left in its JSON.
func migrateLinks(db *bolt.DB, log io.Writer) error {
	var todo [][]byte
	done := false
	err := db.View(func(tx *bolt.Tx) error {
		if decodeUint(tx.Bucket(bucketMeta).Get(keyFormat)) >= storeFormat {
			done = true
			return nil
		}
		return tx.Bucket(bucketRecords).ForEach(func(k, v []byte) error {
			if bytes.HasSuffix(v, []byte("]}")) && bytes.Contains(v, []byte(`,"links":`)) {
				todo = append(todo, bytes.Clone(k))
			}
			return nil
		})
	})
	if err != nil || done {
		return err
	}
	if len(todo) > 0 && log != nil {
		fmt.Fprintf(log, "corpus: moving the links of %d records to a bucket of their own (store format %d)\n", len(todo), storeFormat)
	}
	const chunk = 5000
	for len(todo) > 0 {
		n := min(chunk, len(todo))
		err := db.Update(func(tx *bolt.Tx) error {
			recs, links := tx.Bucket(bucketRecords), tx.Bucket(bucketLinks)
			for _, k := range todo[:n] {
				v := recs.Get(k)
				if v == nil {
					continue
				}
				var st struct {
					Links []extract.Link `json:"links"`
				}
				if err := json.Unmarshal(v, &st); err != nil {
					return fmt.Errorf("record %s: %w", k, err)
				}
				body, ok := withLinks(v, nil)
				if !ok {
					var r extract.Record
					if err := r.UnmarshalJSON(v); err != nil {
						return fmt.Errorf("record %s: %w", k, err)
					}
					r.Links = nil
					if body, err = r.MarshalJSON(); err != nil {
						return fmt.Errorf("record %s: %w", k, err)
					}
				}
				if err := recs.Put(k, body); err != nil {
					return err
				}
				if err := putLinks(links, k, st.Links); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("move links: %w", err)
		}
		todo = todo[n:]
	}
	return db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyFormat, encodeUint(storeFormat))
	})
}

// putLinks writes the links of record id, or deletes them when there are
// none.
func putLinks(b *bolt.Bucket, id []byte, links []extract.Link) error {
	if len(links) == 0 {
		return b.Delete(id)
	}
	v, err := json.Marshal(links)
	if err != nil {
		return err
	}
	return b.Put(id, v)
}

// writer applies Puts inside one bbolt transaction: it keeps the records
// it touched (and their previous versions) so that records, links and
// cells are written once per record at flush.
//
// A record the Put gives replaces the stored one, which is decoded as far
// as linking and the cells read (stored). A record only linked or
// unlinked is read no further than its URL and its links (loadLinks): its
// links are rewritten, its record is not, and its cell entry changes only
// if it becomes or stops being a copy (isCopy), which flush then decodes
// it for.
type writer struct {
	tx      *bolt.Tx
	recs    *bolt.Bucket
	links   *bolt.Bucket
	keys    *bolt.Bucket
	cur     map[string]*extract.Record // current version of touched records
	old     map[string]*extract.Record // version before the transaction; nil when new
	full    map[string]bool            // cur and old hold the fields of stored, not only id, URL and links
	oldJSON map[string][]byte          // the stored JSON of a record the Put gives, to tell whether it changed
	order   []string                   // touched ids, first touch first
	given   map[string]bool            // ids the Put gave (the others only had their links changed)
	keyList map[string][]string        // link key lists as modified
}

func newWriter(tx *bolt.Tx) *writer {
	return &writer{
		tx: tx, recs: tx.Bucket(bucketRecords), links: tx.Bucket(bucketLinks), keys: tx.Bucket(bucketKeys),
		cur: map[string]*extract.Record{}, old: map[string]*extract.Record{}, full: map[string]bool{},
		oldJSON: map[string][]byte{}, given: map[string]bool{}, keyList: map[string][]string{},
	}
}

// storedLinks returns the links of a stored record.
func (w *writer) storedLinks(id string) ([]extract.Link, error) {
	lv := w.links.Get([]byte(id))
	if lv == nil {
		return nil, nil
	}
	var links []extract.Link
	if err := fastjson.Unmarshal(lv, &links); err != nil {
		return nil, fmt.Errorf("links of %s: %w", id, err)
	}
	return links, nil
}

// loadLinks returns the current version of a stored record, or nil, with
// at least its id, URL and links.
func (w *writer) loadLinks(id string) (*extract.Record, error) {
	if r, ok := w.cur[id]; ok {
		return r, nil
	}
	v := w.recs.Get([]byte(id))
	if v == nil {
		return nil, nil
	}
	u, ok := urlOf(v)
	if !ok {
		return w.load(id)
	}
	links, err := w.storedLinks(id)
	if err != nil {
		return nil, err
	}
	r := &extract.Record{ID: id, URL: u, Links: links}
	w.old[id] = &extract.Record{ID: id, URL: u, Links: slices.Clone(links)}
	w.cur[id] = r
	w.order = append(w.order, id)
	return r, nil
}

// load returns the current version of a stored record, or nil, decoded as
// far as linking and the cells read (stored), and keeps its stored JSON.
// A record loaded by loadLinks is completed, keeping its current links.
func (w *writer) load(id string) (*extract.Record, error) {
	r, seen := w.cur[id]
	if seen && (r == nil || w.full[id] || w.given[id]) {
		return r, nil
	}
	v := w.recs.Get([]byte(id))
	if v == nil {
		return nil, nil
	}
	var st stored
	if err := fastjson.Unmarshal(v, &st); err != nil {
		return nil, fmt.Errorf("record %s: %w", id, err)
	}
	o := st.record()
	w.full[id] = true
	w.oldJSON[id] = bytes.Clone(v) // v is only valid in the transaction, which writes on
	if seen {                      // links already loaded, maybe changed
		o.Links = w.old[id].Links
		n := st.record()
		n.Links = r.Links
		*w.old[id], *r = o, n
		return r, nil
	}
	links, err := w.storedLinks(id)
	if err != nil {
		return nil, err
	}
	if links != nil {
		o.Links = links
	}
	n := o
	n.Links = slices.Clone(o.Links)
	w.old[id] = &o
	w.cur[id] = &n
	w.order = append(w.order, id)
	return &n, nil
}

// urlOf reads the URL of a record from its stored JSON as
// Record.MarshalJSON writes it: the id, then the URL (a string or null).
func urlOf(v []byte) (string, bool) {
	const idKey, urlKey = `{"id":`, `,"url":`
	if !bytes.HasPrefix(v, []byte(idKey)) {
		return "", false
	}
	_, rest, ok := jsonString(v[len(idKey):])
	if !ok || !bytes.HasPrefix(rest, []byte(urlKey)) {
		return "", false
	}
	rest = rest[len(urlKey):]
	if bytes.HasPrefix(rest, []byte("null")) {
		return "", true
	}
	u, _, ok := jsonString(rest)
	return u, ok
}

// jsonString decodes the JSON string at the start of b and returns what
// follows it.
func jsonString(b []byte) (s string, rest []byte, ok bool) {
	if len(b) == 0 || b[0] != '"' {
		return "", nil, false
	}
	escaped := false
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			escaped = true
			i++
		case '"':
			if !escaped {
				return string(b[1:i]), b[i+1:], true
			}
			if err := json.Unmarshal(b[:i+1], &s); err != nil {
				return "", nil, false
			}
			return s, b[i+1:], true
		}
	}
	return "", nil, false
}

// stored is the part of a stored record (extract.Record's wire form) that
// linkKeys, link and the cells read: decoding only it skips the texts of
// the members and awards, the evidence and the rest, about two thirds of
// the cost of decoding a record. A JSON null leaves the zero value, as in
// extract.Record. Links are read from the JSON of a store of format 1
// only.
type stored struct {
	ID           string   `json:"id"`
	URL          string   `json:"url"`
	Title        string   `json:"title"`
	Relevant     bool     `json:"relevant"`
	Level        string   `json:"level"`
	Province     string   `json:"province"`
	Province2025 string   `json:"province_2025"`
	Year         int      `json:"year"`
	EventDate    string   `json:"event_date"`
	EventTypes   []string `json:"event_types"`
	Bloc         *struct {
		Number string `json:"number"`
	} `json:"bloc"`
	Members []struct {
		Unit string `json:"unit"`
	} `json:"members"`
	MembersComplete bool           `json:"members_complete"`
	Links           []extract.Link `json:"links"`
}

// record returns the record with the fields of st (the others empty).
func (st stored) record() extract.Record {
	r := extract.Record{
		ID: st.ID, URL: st.URL, Title: st.Title, Relevant: st.Relevant, Level: st.Level,
		Province: st.Province, Province2025: st.Province2025, Year: st.Year, EventDate: st.EventDate,
		EventTypes: st.EventTypes, MembersComplete: st.MembersComplete, Links: st.Links,
	}
	if st.Bloc != nil {
		r.Bloc = &extract.Bloc{Number: st.Bloc.Number}
	}
	if st.Members != nil {
		r.Members = make([]extract.Member, len(st.Members))
		for i, m := range st.Members {
			r.Members[i].Unit = m.Unit
		}
	}
	return r
}

// withLinks returns a record's JSON (as Record.MarshalJSON writes it) with
// its links replaced: migrateLinks strips them. The links are the last
// field, left out when empty; ok is false for JSON that does not end that
// way.
func withLinks(raw []byte, links []extract.Link) (_ []byte, ok bool) {
	const key = `,"links":`
	if !bytes.HasSuffix(raw, []byte("}")) {
		return nil, false
	}
	body := raw[:len(raw)-1]
	// A '"' in a JSON string is escaped, so the key is a field's; the
	// links are the last field when what follows the key up to the
	// closing brace is a list of links. Without links, no field may have
	// the key.
	i := bytes.LastIndex(body, []byte(key))
	switch {
	case bytes.HasSuffix(body, []byte("]")):
		var old []extract.Link
		if i < 0 || json.Unmarshal(body[i+len(key):], &old) != nil {
			return nil, false
		}
		body = body[:i]
	case i >= 0:
		return nil, false
	}
	out := make([]byte, 0, len(body)+len(key)+64*len(links)+1)
	out = append(out, body...)
	if len(links) > 0 {
		b, err := json.Marshal(links)
		if err != nil {
			return nil, false
		}
		out = append(append(out, key...), b...)
	}
	return append(out, '}'), true
}

// ids returns the ids stored under a link key.
func (w *writer) ids(key string) []string {
	if l, ok := w.keyList[key]; ok {
		return l
	}
	v := w.keys.Get([]byte(key))
	var l []string
	if len(v) > 0 {
		l = strings.Split(string(v), "\n")
	}
	w.keyList[key] = l
	return l
}

// put replaces or adds one record and links it.
func (w *writer) put(r extract.Record) (existed bool, err error) {
	prev, err := w.load(r.ID)
	if err != nil {
		return false, err
	}
	if prev != nil {
		existed = true
		for _, k := range linkKeys(*prev) {
			w.keyList[k.key] = without(w.ids(k.key), r.ID)
		}
		for _, l := range prev.Links {
			p, err := w.loadLinks(l.ID)
			if err != nil {
				return existed, err
			}
			if p != nil {
				p.Links = unlink(p.Links, r.ID)
			}
		}
	} else if _, seen := w.cur[r.ID]; !seen {
		w.old[r.ID] = nil
		w.order = append(w.order, r.ID)
	}
	nr := r
	w.cur[r.ID] = &nr
	w.given[r.ID] = true
	for _, k := range linkKeys(nr) {
		ids := w.ids(k.key)
		if len(ids) >= maxLinkGroup {
			continue // see maxLinkGroup
		}
		for _, o := range ids {
			p, err := w.loadLinks(o)
			if err != nil {
				return existed, err
			}
			if p == nil {
				continue
			}
			nr.Links = link(nr.Links, extract.Link{ID: p.ID, URL: p.URL, Relation: k.relation})
			p.Links = link(p.Links, extract.Link{ID: nr.ID, URL: nr.URL, Relation: k.relation})
		}
		w.keyList[k.key] = append(ids, nr.ID)
	}
	return existed, nil
}

// flush writes the touched records, links, key lists and cells, and
// returns the records to index and how many records written had their
// links changed. A record the Put did not give was only linked or
// unlinked: its links are written, and it is not indexed again, since the
// index holds nothing of the links (indexed).
func (w *writer) flush() ([]extract.Record, int, error) {
	cells := newCellWriter(w.tx.Bucket(bucketCells))
	var out []extract.Record
	linked := 0
	for _, id := range w.order {
		r, o := w.cur[id], w.old[id]
		linksChanged := (o == nil && len(r.Links) > 0) || (o != nil && !slices.Equal(o.Links, r.Links))
		if w.given[id] {
			nl := *r
			nl.Links = nil
			b, err := nl.MarshalJSON()
			if err != nil {
				return nil, 0, fmt.Errorf("record %s: %w", id, err)
			}
			changed := o == nil || !bytes.Equal(b, w.oldJSON[id])
			if !changed && !linksChanged {
				continue
			}
			if changed {
				if err := w.recs.Put([]byte(id), b); err != nil {
					return nil, 0, err
				}
			}
			if o != nil {
				cells.remove(*o)
			}
			cells.add(*r)
			out = append(out, *r)
		} else {
			if !linksChanged {
				continue
			}
			if isCopy(*o) != isCopy(*r) {
				if _, err := w.load(id); err != nil {
					return nil, 0, err
				}
				cells.remove(*o)
				cells.add(*r)
			}
		}
		if linksChanged {
			linked++
			if err := putLinks(w.links, []byte(id), r.Links); err != nil {
				return nil, 0, err
			}
		}
	}
	for k, ids := range w.keyList {
		var err error
		if len(ids) == 0 {
			err = w.keys.Delete([]byte(k))
		} else {
			err = w.keys.Put([]byte(k), []byte(strings.Join(ids, "\n")))
		}
		if err != nil {
			return nil, 0, err
		}
	}
	return out, linked, cells.flush()
}

func without(ids []string, id string) []string {
	out := ids[:0:0]
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}
