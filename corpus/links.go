package corpus

import (
	"strconv"
	"strings"

	"github.com/thidua/thidua/extract"
	"github.com/thidua/thidua/normalize"
)

// Relations of a link between two records.
const (
	// RelSyndicated ties copies of one article published on several sites:
	// the same headline (folded) about the same year.
	RelSyndicated = "syndicated"
	// RelSameEvent ties two articles about one event: the same province,
	// level, bloc number, year and event date.
	RelSameEvent = "same-event"
)

// maxLinkGroup bounds the records a link key ties together. Every record
// of a group links to every other, so a Put into a group of n rewrites the
// links of n records, each with n links: a site that gives every page the
// same headline (its own name, say) would make each night's Put slower than
// the one before (0.7 s a record at 800, TestLinkGroupBounded). Copies of
// one article and reports of one event run to a handful; a key shared by
// more records than this is not a sign of either, and the records stored
// after the group is full are not linked by it (each counts on its own).
const maxLinkGroup = 50

// minTitleKey is the shortest folded headline that links records: short
// headlines ("Tin hoạt động") are shared by unrelated articles.
const minTitleKey = 24

type linkKey struct{ key, relation string }

// linkKeys returns the keys under which a record is linked to others
// sharing them. Only relevant records are linked.
func linkKeys(r extract.Record) []linkKey {
	if !r.Relevant {
		return nil
	}
	var ks []linkKey
	if t := strings.Join(strings.Fields(normalize.Fold(normalize.String(r.Title))), " "); len(t) >= minTitleKey {
		ks = append(ks, linkKey{"s\x1f" + t + "\x1f" + strconv.Itoa(r.Year), RelSyndicated})
	}
	if r.Province != "" && r.Year != 0 && r.EventDate != "" {
		num := ""
		if r.Bloc != nil {
			num = normalize.Fold(r.Bloc.Number)
		}
		ks = append(ks, linkKey{"e\x1f" + r.Province + "\x1f" + r.Level + "\x1f" + num + "\x1f" +
			strconv.Itoa(r.Year) + "\x1f" + r.EventDate, RelSameEvent})
	}
	return ks
}

// link adds l to links unless its id is there already; a syndicated link
// wins over a same-event one (a copy is also about the same event).
func link(links []extract.Link, l extract.Link) []extract.Link {
	for i, x := range links {
		if x.ID == l.ID {
			if l.Relation == RelSyndicated {
				links[i].Relation = RelSyndicated
			}
			return links
		}
	}
	return append(links, l)
}

// unlink removes the links to id.
func unlink(links []extract.Link, id string) []extract.Link {
	out := links[:0:0]
	for _, l := range links {
		if l.ID != id {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// isCopy reports whether a record is counted under another: it is linked to
// a record with a smaller id. Within a set of records that share a link
// key, only the smallest id counts.
func isCopy(r extract.Record) bool {
	for _, l := range r.Links {
		if l.ID < r.ID {
			return true
		}
	}
	return false
}
