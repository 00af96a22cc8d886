package extract

import (
	"sort"
	"strings"
	"sync"

	"github.com/thidua/thidua/normalize"
)

// Province is one of the 63 provinces and centrally-run cities before the
// merger of 1 July 2025.
type Province struct {
	// Name is the canonical name (spec/record.md, "Provinces").
	Name string
	// After2025 is the unit it belongs to after the merger (one of 34).
	After2025 string
	// City is true for a centrally-run city (thành phố trực thuộc Trung
	// ương), whose units read "thành phố" for "tỉnh".
	City bool
	// Aliases are other written forms, matched on the folded key.
	Aliases []string
	// Hosts are host-name fragments of sites that belong to the province
	// when the folded, space-free name is not in the host already.
	Hosts []string
}

// Provinces before the July 2025 merger. Names: the 63 units of the
// Government's list of administrative units (Decision 124/2004/QĐ-TTg as
// amended, as of 2024); merger: Resolution 202/2025/QH15 of the National
// Assembly, as summarized in spec/record.md. Host fragments: the provincial
// newspapers and portals seen in the gold documents and the crawl sources.
var Provinces = []Province{
	{Name: "An Giang", After2025: "An Giang"},
	{Name: "Bà Rịa - Vũng Tàu", After2025: "Hồ Chí Minh", Aliases: []string{"Bà Rịa – Vũng Tàu", "Bà Rịa Vũng Tàu", "BR-VT", "BRVT"}, Hosts: []string{"baria-vungtau", "baobariavungtau", "brvt"}},
	{Name: "Bắc Giang", After2025: "Bắc Ninh"},
	{Name: "Bắc Kạn", After2025: "Thái Nguyên", Aliases: []string{"Bắc Cạn"}},
	{Name: "Bạc Liêu", After2025: "Cà Mau"},
	{Name: "Bắc Ninh", After2025: "Bắc Ninh"},
	{Name: "Bến Tre", After2025: "Vĩnh Long", Hosts: []string{"baodongkhoi"}},
	{Name: "Bình Định", After2025: "Gia Lai"},
	{Name: "Bình Dương", After2025: "Hồ Chí Minh"},
	{Name: "Bình Phước", After2025: "Đồng Nai"},
	{Name: "Bình Thuận", After2025: "Lâm Đồng"},
	{Name: "Cà Mau", After2025: "Cà Mau"},
	{Name: "Cần Thơ", After2025: "Cần Thơ", City: true},
	{Name: "Cao Bằng", After2025: "Cao Bằng"},
	{Name: "Đà Nẵng", After2025: "Đà Nẵng", City: true},
	{Name: "Đắk Lắk", After2025: "Đắk Lắk", Aliases: []string{"Đăk Lăk", "Đắc Lắc", "Daklak"}},
	{Name: "Đắk Nông", After2025: "Lâm Đồng", Aliases: []string{"Đăk Nông", "Daknong"}},
	{Name: "Điện Biên", After2025: "Điện Biên"},
	{Name: "Đồng Nai", After2025: "Đồng Nai"},
	{Name: "Đồng Tháp", After2025: "Đồng Tháp"},
	{Name: "Gia Lai", After2025: "Gia Lai"},
	{Name: "Hà Giang", After2025: "Tuyên Quang"},
	{Name: "Hà Nam", After2025: "Ninh Bình"},
	{Name: "Hà Nội", After2025: "Hà Nội", City: true, Aliases: []string{"Thủ đô"}},
	{Name: "Hà Tĩnh", After2025: "Hà Tĩnh"},
	{Name: "Hải Dương", After2025: "Hải Phòng"},
	{Name: "Hải Phòng", After2025: "Hải Phòng", City: true},
	{Name: "Hậu Giang", After2025: "Cần Thơ"},
	{Name: "Hòa Bình", After2025: "Phú Thọ"},
	{Name: "Hưng Yên", After2025: "Hưng Yên"},
	{Name: "Khánh Hòa", After2025: "Khánh Hòa"},
	{Name: "Kiên Giang", After2025: "An Giang"},
	{Name: "Kon Tum", After2025: "Quảng Ngãi", Aliases: []string{"Kontum"}},
	{Name: "Lai Châu", After2025: "Lai Châu"},
	{Name: "Lâm Đồng", After2025: "Lâm Đồng"},
	{Name: "Lạng Sơn", After2025: "Lạng Sơn"},
	{Name: "Lào Cai", After2025: "Lào Cai"},
	{Name: "Long An", After2025: "Tây Ninh", Hosts: []string{"la34"}},
	{Name: "Nam Định", After2025: "Ninh Bình"},
	{Name: "Nghệ An", After2025: "Nghệ An"},
	{Name: "Ninh Bình", After2025: "Ninh Bình"},
	{Name: "Ninh Thuận", After2025: "Khánh Hòa"},
	{Name: "Phú Thọ", After2025: "Phú Thọ"},
	{Name: "Phú Yên", After2025: "Đắk Lắk"},
	{Name: "Quảng Bình", After2025: "Quảng Trị"},
	{Name: "Quảng Nam", After2025: "Đà Nẵng"},
	{Name: "Quảng Ngãi", After2025: "Quảng Ngãi"},
	{Name: "Quảng Ninh", After2025: "Quảng Ninh"},
	{Name: "Quảng Trị", After2025: "Quảng Trị"},
	{Name: "Sóc Trăng", After2025: "Cần Thơ"},
	{Name: "Sơn La", After2025: "Sơn La"},
	{Name: "Tây Ninh", After2025: "Tây Ninh"},
	{Name: "Thái Bình", After2025: "Hưng Yên"},
	{Name: "Thái Nguyên", After2025: "Thái Nguyên"},
	{Name: "Thanh Hóa", After2025: "Thanh Hóa"},
	{Name: "Thừa Thiên Huế", After2025: "Huế", Aliases: []string{"Thừa Thiên - Huế", "Thừa Thiên – Huế", "TT-Huế", "TT Huế"}, Hosts: []string{"thuathienhue", "hue.gov", "baothuathienhue"}},
	{Name: "Tiền Giang", After2025: "Đồng Tháp"},
	{Name: "Hồ Chí Minh", After2025: "Hồ Chí Minh", City: true, Aliases: []string{"TP.HCM", "TP HCM", "TPHCM", "TP. HCM", "Thành phố HCM", "Sài Gòn"}, Hosts: []string{"hochiminhcity", "tphcm", "hcmcpv", "sggp", "hcm"}},
	{Name: "Trà Vinh", After2025: "Vĩnh Long"},
	{Name: "Tuyên Quang", After2025: "Tuyên Quang"},
	{Name: "Vĩnh Long", After2025: "Vĩnh Long"},
	{Name: "Vĩnh Phúc", After2025: "Phú Thọ"},
	{Name: "Yên Bái", After2025: "Lào Cai"},
}

// Provinces2025 are the 34 units after the merger of 1 July 2025.
var Provinces2025 = []string{
	"An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk",
	"Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Nội", "Hà Tĩnh", "Hải Phòng",
	"Hồ Chí Minh", "Huế", "Hưng Yên", "Khánh Hòa", "Lai Châu", "Lạng Sơn", "Lào Cai",
	"Lâm Đồng", "Nghệ An", "Ninh Bình", "Phú Thọ", "Quảng Ngãi", "Quảng Ninh",
	"Quảng Trị", "Sơn La", "Tây Ninh", "Thái Nguyên", "Thanh Hóa", "Tuyên Quang", "Vĩnh Long",
}

// MergerDate is the day the 34 provinces took effect.
const MergerDate = "2025-07-01"

// provinceIndex maps the folded key of every written form to its province.
var provinceIndex = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	for i, p := range Provinces {
		m[foldName(p.Name)] = i
		for _, a := range p.Aliases {
			m[foldName(a)] = i
		}
	}
	return m
})

// ProvinceByName finds a province (before 2025) by any written form.
func ProvinceByName(name string) (Province, bool) {
	if i, ok := provinceIndex()[foldName(name)]; ok {
		return Provinces[i], true
	}
	return Province{}, false
}

// Province2025 returns the post-merger unit of a province name (old or new);
// names it does not know come back unchanged.
func Province2025(name string) string {
	if p, ok := ProvinceByName(name); ok {
		return p.After2025
	}
	if foldName(name) == "hue" {
		return "Huế"
	}
	return name
}

// ProvinceFromHost guesses the province of a site from its URL's host and
// path: "baonghean.vn" is Nghệ An, "thads.moj.gov.vn/quangbinh/..." Quảng
// Bình. The longest matching name wins, so "baoquangnam" is not Quảng Ngãi
// nor "namdinh" Hà Nam.
func ProvinceFromHost(rawURL string) string {
	u := strings.ToLower(rawURL)
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	host, path, _ := strings.Cut(u, "/")
	// Only the first path segment may name a province (thads.moj.gov.vn/quangbinh/...).
	seg, _, _ := strings.Cut(path, "/")
	cands := []string{strings.ReplaceAll(host, "-", "")}
	if len(seg) >= 5 && !strings.ContainsAny(seg, ".=") {
		cands = append(cands, seg)
	}
	best, bestLen := "", 0
	for _, c := range cands {
		for _, k := range hostKeys() {
			if len(k.key) > bestLen && strings.Contains(c, k.key) {
				best, bestLen = k.name, len(k.key)
			}
		}
		if best != "" {
			return best
		}
	}
	return best
}

type hostKey struct{ key, name string }

// hostKeys is derived from Provinces once, longest key first.
var hostKeys = sync.OnceValue(func() []hostKey {
	var ks []hostKey
	for _, p := range Provinces {
		k := strings.ReplaceAll(foldName(p.Name), " ", "")
		k = strings.ReplaceAll(k, "-", "")
		ks = append(ks, hostKey{k, p.Name})
		for _, h := range p.Hosts {
			ks = append(ks, hostKey{h, p.Name})
		}
	}
	sort.SliceStable(ks, func(i, j int) bool { return len(ks[i].key) > len(ks[j].key) })
	return ks
})

// foldName is the folded key of a name with dashes and dots as spaces.
func foldName(s string) string {
	f := normalize.Fold(normalize.String(s))
	f = strings.Map(func(r rune) rune {
		switch r {
		case '-', '–', '—', '.', ',':
			return ' '
		}
		return r
	}, f)
	return strings.Join(strings.Fields(f), " ")
}
