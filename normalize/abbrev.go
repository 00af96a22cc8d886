package normalize

import (
	"strings"
	"sync"
)

// Abbrev is a domain abbreviation that extractors must read.
type Abbrev struct {
	Short     string // as written ("BĐBP")
	Expansion string // in full, canonical form ("Bộ đội Biên phòng")
	// Unit is the code (spec/record.md, Units) of the agency the
	// abbreviation names: "military", "border-guard", "police",
	// "procuracy", "court", "justice", "enforcement", "inspectorate",
	// "home-affairs", "na-delegation", "party-internal-affairs", "prison",
	// "mobile-police", or "other" for an agency outside that list; empty
	// when it names no agency ("KT-XH").
	Unit string
}

// abbreviations is the table. "gold" cites documents of
// /work/shared/gold/{dev,seeds}.docs.jsonl by id; "spec" the Units table of
// spec/record.md; "issue" the list of issue 2, where the gold documents do
// not have it.
var abbreviations = []Abbrev{
	// Procuracy.
	{"VKSND", "Viện Kiểm sát nhân dân", "procuracy"},           // gold n036, p066; spec
	{"Viện KSND", "Viện Kiểm sát nhân dân", "procuracy"},       // gold seed-002; spec
	{"VKS", "Viện Kiểm sát", "procuracy"},                      // issue
	{"VKSNDTC", "Viện Kiểm sát nhân dân tối cao", "procuracy"}, // issue (central bloc members)
	// Court.
	{"TAND", "Tòa án nhân dân", "court"},           // gold n036; spec
	{"TA", "Tòa án", "court"},                      // issue
	{"TANDTC", "Tòa án nhân dân tối cao", "court"}, // issue (central bloc members)
	// Military.
	{"BCHQS", "Bộ Chỉ huy Quân sự", "military"},   // spec
	{"Bộ CHQS", "Bộ Chỉ huy Quân sự", "military"}, // gold p050, p062; spec
	{"BCH QS", "Bộ Chỉ huy Quân sự", "military"},  // issue
	{"LLVT", "lực lượng vũ trang", ""},            // issue ("Khối Nội chính - LLVT")
	// Border guard.
	{"BĐBP", "Bộ đội Biên phòng", "border-guard"},                // gold n055, p050; spec
	{"BCH BĐBP", "Bộ Chỉ huy Bộ đội Biên phòng", "border-guard"}, // spec
	{"BP", "Biên phòng", "border-guard"},                         // issue
	// Police.
	{"CA", "Công an", "police"},                   // issue; spec ("CA tỉnh")
	{"CAT", "Công an tỉnh", "police"},             // issue
	{"CAND", "Công an nhân dân", "police"},        // gold n030
	{"CSCĐ", "Cảnh sát cơ động", "mobile-police"}, // spec
	// Justice and enforcement.
	{"STP", "Sở Tư pháp", "justice"},                               // spec
	{"THADS", "thi hành án dân sự", "enforcement"},                 // gold p066
	{"Cục THADS", "Cục Thi hành án dân sự", "enforcement"},         // gold p066; spec
	{"Chi cục THADS", "Chi cục Thi hành án dân sự", "enforcement"}, // issue (district level)
	// National Assembly delegation and councils.
	{"ĐBQH", "đại biểu Quốc hội", ""},                                     // gold n018
	{"Đoàn ĐBQH", "Đoàn Đại biểu Quốc hội", "na-delegation"},              // issue
	{"VP Đoàn ĐBQH", "Văn phòng Đoàn Đại biểu Quốc hội", "na-delegation"}, // spec
	{"UBND", "Ủy ban nhân dân", "other"},                                  // gold n016, n017, n018, n019 …
	{"HĐND", "Hội đồng nhân dân", "other"},                                // gold n019, n079, p018, p054
	{"MTTQ", "Mặt trận Tổ quốc", "other"},                                 // gold p018
	// Emulation and awards (guests, not members: spec, Units).
	{"BTĐKT", "Ban Thi đua - Khen thưởng", "other"},       // gold n043, p029
	{"HĐTĐKT", "Hội đồng Thi đua - Khen thưởng", "other"}, // issue
	{"TĐKT", "thi đua, khen thưởng", ""},                  // gold n065, p016
	// Topics.
	{"KT-XH", "kinh tế - xã hội", ""},        // issue
	{"QP-AN", "quốc phòng - an ninh", ""},    // issue
	{"ANTT", "an ninh trật tự", ""},          // issue
	{"TTATXH", "trật tự an toàn xã hội", ""}, // issue
}

// Abbreviations returns the table, a copy the caller may change.
func Abbreviations() []Abbrev {
	return append([]Abbrev(nil), abbreviations...)
}

// abbrevIndex maps the key of each Short to its entry; built on first use.
var abbrevIndex = sync.OnceValue(func() map[string]Abbrev {
	m := make(map[string]Abbrev, len(abbreviations))
	for _, a := range abbreviations {
		if k := abbrevKey(a.Short); m[k].Short == "" { // the first entry of a key wins
			m[k] = a
		}
	}
	return m
})

// abbrevKey folds s and drops spaces, dots and dashes: "Bộ CHQS", "bo chqs"
// and "BỘ CHQS" share a key, as do "KT-XH", "KT - XH" and "KTXH".
func abbrevKey(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || IsDash(r) {
			return -1
		}
		return r
	}, Fold(String(s)))
}

// LookupAbbrev finds the abbreviation s, case- and diacritic-insensitively
// ("BDBP" finds "BĐBP"; spaces, dots and dashes are ignored). Short ones
// are also ordinary words ("ca", "ta"): a caller reading running text
// should compare the case of s with Abbrev.Short.
func LookupAbbrev(s string) (Abbrev, bool) {
	a, ok := abbrevIndex()[abbrevKey(s)]
	return a, ok
}
