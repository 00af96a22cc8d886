package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/thidua/thidua/extract"
	bolt "go.etcd.io/bbolt"
)

// The store is one bbolt file (records/store.db): every write is a
// transaction that is synced before it returns, so a crash leaves the last
// committed state, never a torn record. Buckets:
//
//	records  id -> the record's JSON (spec/record.md form)
//	cells    province \x1f province_2025 \x1f year -> packed cell entries (cells.go)
//	keys     link key -> ids sharing it, "\n"-separated (links.go)
//	meta     "generation" -> uint64, bumped by every Put; "updated" -> RFC 3339
const storeFile = "store.db"

var (
	bucketRecords = []byte("records")
	bucketCells   = []byte("cells")
	bucketKeys    = []byte("keys")
	bucketMeta    = []byte("meta")

	keyGeneration = []byte("generation")
	keyUpdated    = []byte("updated")
)

func openStore(path string, opts Options) (*bolt.DB, error) {
	db, err := lockStore(path, opts)
	if err != nil {
		return nil, err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketRecords, bucketCells, bucketKeys, bucketMeta} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
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
// behind (Import's bulk path rebuilds it at the end).
func (c *Corpus) put(recs []extract.Record, index bool) (PutStats, error) {
	if c.ro {
		return PutStats{}, fmt.Errorf("corpus: put into %s: %w", c.dir, ErrReadOnly)
	}
	if len(recs) == 0 {
		return PutStats{}, nil
	}
	prepared := make([]extract.Record, len(recs))
	for i, r := range recs {
		p, err := prepare(r)
		if err != nil {
			return PutStats{}, err
		}
		prepared[i] = p
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
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
		return PutStats{}, fmt.Errorf("corpus: put: %w", err)
	}
	if !index {
		return st, nil
	}
	if err := c.indexRecords(changed, st.Generation); err != nil {
		return st, err
	}
	return st, nil
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
		return json.Unmarshal(v, &r)
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
			for k, v := cur.First(); k != nil; k, v = cur.Next() {
				var r extract.Record
				if err := json.Unmarshal(v, &r); err != nil {
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

// writer applies Puts inside one bbolt transaction: it keeps the records
// it touched (and their previous versions) so that links and cells are
// written once per record at flush.
type writer struct {
	tx      *bolt.Tx
	recs    *bolt.Bucket
	keys    *bolt.Bucket
	cur     map[string]*extract.Record // current version of touched records
	old     map[string]*extract.Record // version before the transaction; nil when new
	oldJSON map[string][]byte          // the stored JSON of old, to tell whether it changed
	order   []string                   // touched ids, first touch first
	given   map[string]bool            // ids the Put gave (the others only had their links changed)
	keyList map[string][]string        // link key lists as modified
}

func newWriter(tx *bolt.Tx) *writer {
	return &writer{
		tx: tx, recs: tx.Bucket(bucketRecords), keys: tx.Bucket(bucketKeys),
		cur: map[string]*extract.Record{}, old: map[string]*extract.Record{},
		oldJSON: map[string][]byte{}, given: map[string]bool{}, keyList: map[string][]string{},
	}
}

// load returns the current version of a stored record, or nil. A record
// read from the store is decoded only as far as linking and the cells need
// (stored): the version a Put gives replaces it whole, and one only linked
// or unlinked is written back by flush with its links replaced in its
// stored JSON.
func (w *writer) load(id string) (*extract.Record, error) {
	if r, ok := w.cur[id]; ok {
		return r, nil
	}
	v := w.recs.Get([]byte(id))
	if v == nil {
		return nil, nil
	}
	var st stored
	if err := json.Unmarshal(v, &st); err != nil {
		return nil, fmt.Errorf("record %s: %w", id, err)
	}
	r := st.record()
	o := r
	w.old[id] = &o
	w.oldJSON[id] = bytes.Clone(v) // v is only valid in the transaction, which writes on
	w.cur[id] = &r
	w.order = append(w.order, id)
	return &r, nil
}

// stored is the part of a stored record (extract.Record's wire form) that
// linkKeys, link and the cells read: decoding only it skips the texts of
// the members and awards, the evidence and the rest, about two thirds of
// the cost of decoding a record. A JSON null leaves the zero value, as in
// extract.Record.
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

// withLinks returns a record's stored JSON with its links replaced. The
// links are the last field of Record.MarshalJSON's output, left out when
// empty; ok is false for JSON that does not end that way.
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
			p, err := w.load(l.ID)
			if err != nil {
				return existed, err
			}
			if p != nil {
				p.Links = unlink(p.Links, r.ID)
			}
		}
	} else {
		w.old[r.ID] = nil
		w.order = append(w.order, r.ID)
	}
	nr := r
	w.cur[r.ID] = &nr
	w.given[r.ID] = true
	for _, k := range linkKeys(nr) {
		ids := w.ids(k.key)
		for _, o := range ids {
			p, err := w.load(o)
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

// flush writes the touched records, key lists and cells, and returns the
// records to index and how many records written had their links changed.
// A record the Put did not give was only linked or unlinked: it is written
// but not indexed again, since the index holds nothing of the links
// (indexed).
func (w *writer) flush() ([]extract.Record, int, error) {
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
	cells := newCellWriter(w.tx.Bucket(bucketCells))
	var out []extract.Record
	linked := 0
	for _, id := range w.order {
		r, o := w.cur[id], w.old[id]
		b, err := w.encode(id, r)
		if err != nil {
			return nil, 0, fmt.Errorf("record %s: %w", id, err)
		}
		if o != nil && bytes.Equal(b, w.oldJSON[id]) { // unchanged
			continue
		}
		if err := w.recs.Put([]byte(id), b); err != nil {
			return nil, 0, err
		}
		if (o == nil && len(r.Links) > 0) || (o != nil && !slices.Equal(o.Links, r.Links)) {
			linked++
		}
		if o != nil {
			cells.remove(*o)
		}
		cells.add(*r)
		if w.given[id] {
			out = append(out, *r)
		}
	}
	return out, linked, cells.flush()
}

// encode returns the JSON to store for a touched record: a record the Put
// gave, as Record.MarshalJSON writes it (as json.Marshal does, without its
// compacting copy); one only linked or unlinked (decoded in part, see
// stored), as it was stored with its links replaced.
func (w *writer) encode(id string, r *extract.Record) ([]byte, error) {
	if w.given[id] {
		return r.MarshalJSON()
	}
	if b, ok := withLinks(w.oldJSON[id], r.Links); ok {
		return b, nil
	}
	var full extract.Record
	if err := full.UnmarshalJSON(w.oldJSON[id]); err != nil {
		return nil, err
	}
	full.Links = r.Links
	return full.MarshalJSON()
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
