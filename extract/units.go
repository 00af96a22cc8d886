package extract

import (
	"strings"

	"github.com/thidua/thidua/normalize"
)

// Unit codes of the bloc's member agencies (spec/record.md, "Units").
const (
	UnitMilitary             = "military"
	UnitBorderGuard          = "border-guard"
	UnitPolice               = "police"
	UnitProcuracy            = "procuracy"
	UnitCourt                = "court"
	UnitJustice              = "justice"
	UnitEnforcement          = "enforcement"
	UnitInspectorate         = "inspectorate"
	UnitHomeAffairs          = "home-affairs"
	UnitNADelegation         = "na-delegation"
	UnitPartyInternalAffairs = "party-internal-affairs"
	UnitPrison               = "prison"
	UnitMobilePolice         = "mobile-police"
	UnitOther                = "other"
)

// Unit describes one kind of member agency.
type Unit struct {
	Code string
	// Name is the canonical name at province level (spec/record.md).
	Name string
	// English is a short English label for tables and the web page.
	English string
	// Words are what a researcher may type for the unit, besides the name
	// and the code; matched on the folded key.
	Words []string
}

// Units lists the unit codes in the order of spec/record.md. Names and
// abbreviations are those of the spec's Units table; the extra words are
// the short forms used in provincial news (BĐBP, VKS, THA ...).
var Units = []Unit{
	{UnitMilitary, "Bộ Chỉ huy Quân sự tỉnh", "military command", []string{"quân sự", "BCHQS", "Bộ CHQS", "quân đội", "military"}},
	{UnitBorderGuard, "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "border guard", []string{"biên phòng", "BĐBP", "bộ đội biên phòng", "BCH BĐBP", "border guard"}},
	{UnitPolice, "Công an tỉnh", "police", []string{"công an", "CA tỉnh", "police"}},
	{UnitProcuracy, "Viện Kiểm sát nhân dân tỉnh", "procuracy", []string{"viện kiểm sát", "VKSND", "VKS", "Viện KSND", "kiểm sát", "procuracy"}},
	{UnitCourt, "Tòa án nhân dân tỉnh", "court", []string{"tòa án", "TAND", "court"}},
	{UnitJustice, "Sở Tư pháp", "justice department", []string{"tư pháp", "STP", "justice"}},
	{UnitEnforcement, "Cục Thi hành án dân sự tỉnh", "civil judgment enforcement", []string{"thi hành án", "THADS", "Cục THADS", "thi hành án dân sự", "enforcement"}},
	{UnitInspectorate, "Thanh tra tỉnh", "inspectorate", []string{"thanh tra", "inspectorate"}},
	{UnitHomeAffairs, "Sở Nội vụ", "home affairs", []string{"nội vụ", "home affairs"}},
	{UnitNADelegation, "Văn phòng Đoàn Đại biểu Quốc hội tỉnh", "National Assembly delegation office", []string{"đoàn đại biểu quốc hội", "ĐBQH", "VP Đoàn ĐBQH", "đoàn ĐBQH"}},
	{UnitPartyInternalAffairs, "Ban Nội chính Tỉnh ủy", "party internal-affairs commission", []string{"ban nội chính"}},
	{UnitPrison, "Trại giam", "prison", []string{"trại giam", "prison"}},
	{UnitMobilePolice, "Cảnh sát cơ động", "mobile police", []string{"cảnh sát cơ động", "CSCĐ", "mobile police"}},
	{UnitOther, "Khác", "other", []string{"other"}},
}

// UnitByCode returns the unit with the given code.
func UnitByCode(code string) (Unit, bool) {
	for _, u := range Units {
		if u.Code == code {
			return u, true
		}
	}
	return Unit{}, false
}

// ResolveUnit maps what a researcher typed ("Biên phòng", "bien phong",
// "BĐBP", "border-guard", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh") to a unit
// code. It tries the code, then the whole text as a member name, then the
// unit words, all on the folded key.
func ResolveUnit(q string) (string, bool) {
	key := strings.TrimSpace(normalize.Fold(normalize.String(q)))
	if key == "" {
		return "", false
	}
	for _, u := range Units {
		if key == u.Code || key == strings.ReplaceAll(u.Code, "-", " ") {
			return u.Code, true
		}
	}
	if code := UnitOf(q); code != UnitOther {
		return code, true
	}
	// Longest matching word wins: "bộ đội biên phòng" before "công an".
	best, bestLen := "", 0
	for _, u := range Units {
		for _, w := range append([]string{u.Name, u.English}, u.Words...) {
			fw := normalize.Fold(w)
			if (key == fw || strings.Contains(key, fw) || (len(key) >= 4 && strings.Contains(fw, key))) && len(fw) > bestLen {
				best, bestLen = u.Code, len(fw)
			}
		}
	}
	return best, best != ""
}

// unitPrefixes classify a member's name by how it begins, on the folded
// key, first match wins: specific forms come before the general ones they
// contain ("tiểu đoàn cảnh sát cơ động" before "công an", "bộ chỉ huy bộ đội
// biên phòng" before "bộ chỉ huy"). Source: spec/record.md's Units table
// and the forms seen in provincial news (district units read "huyện",
// ministries map to their sector).
var unitPrefixes = []struct{ prefix, code string }{
	{"tieu doan canh sat co dong", UnitMobilePolice},
	{"trung doan canh sat co dong", UnitMobilePolice},
	{"tieu doan cscd", UnitMobilePolice},
	{"trung doan cscd", UnitMobilePolice},
	{"canh sat co dong", UnitMobilePolice},
	{"cscd", UnitMobilePolice},
	{"trai giam", UnitPrison},
	{"bo chi huy bo doi bien phong", UnitBorderGuard},
	{"bch bo doi bien phong", UnitBorderGuard},
	{"bch bdbp", UnitBorderGuard},
	{"bo chi huy bdbp", UnitBorderGuard},
	{"bo tu lenh bo doi bien phong", UnitBorderGuard},
	{"bo doi bien phong", UnitBorderGuard},
	{"bdbp", UnitBorderGuard},
	{"bien phong", UnitBorderGuard},
	{"bo chi huy quan su", UnitMilitary},
	{"ban chi huy quan su", UnitMilitary},
	{"bo tu lenh thanh pho", UnitMilitary},
	{"bo tu lenh tp", UnitMilitary},
	{"bo tu lenh thu do", UnitMilitary},
	{"bo chqs", UnitMilitary},
	{"ban chqs", UnitMilitary},
	{"bchqs", UnitMilitary},
	{"bch quan su", UnitMilitary},
	{"bo quoc phong", UnitMilitary},
	{"co quan quan su", UnitMilitary},
	{"quan su", UnitMilitary},
	{"bo cong an", UnitPolice},
	{"cong an", UnitPolice},
	{"ca tinh", UnitPolice},
	{"ca thanh pho", UnitPolice},
	{"ca huyen", UnitPolice},
	{"vien kiem sat", UnitProcuracy},
	{"vien ksnd", UnitProcuracy},
	{"vksnd", UnitProcuracy},
	{"vien ks", UnitProcuracy},
	{"vks", UnitProcuracy},
	{"toa an", UnitCourt},
	{"tand", UnitCourt},
	{"so tu phap", UnitJustice},
	{"phong tu phap", UnitJustice},
	{"bo tu phap", UnitJustice},
	{"stp", UnitJustice},
	{"tong cuc thi hanh an", UnitEnforcement},
	{"cuc quan ly thi hanh an", UnitEnforcement},
	{"cuc thi hanh an", UnitEnforcement},
	{"chi cuc thi hanh an", UnitEnforcement},
	{"cuc thads", UnitEnforcement},
	{"chi cuc thads", UnitEnforcement},
	{"thi hanh an", UnitEnforcement},
	{"thads", UnitEnforcement},
	{"thanh tra", UnitInspectorate},
	{"so noi vu", UnitHomeAffairs},
	{"phong noi vu", UnitHomeAffairs},
	{"bo noi vu", UnitHomeAffairs},
	{"van phong doan dai bieu quoc hoi", UnitNADelegation},
	{"van phong doan dbqh", UnitNADelegation},
	{"vp doan dbqh", UnitNADelegation},
	{"doan dai bieu quoc hoi", UnitNADelegation},
	{"doan dbqh", UnitNADelegation},
	{"ban noi chinh", UnitPartyInternalAffairs},
}

// UnitOf classifies a member's name ("Viện KSND tỉnh", "Bộ CHQS tỉnh",
// "Tiểu đoàn Cảnh sát Cơ động số 2 (Bộ Công an)") into a unit code, or
// UnitOther.
func UnitOf(name string) string {
	key := normalize.Fold(normalize.String(name))
	key = strings.TrimLeft(key, " -–—•*+:;,.“”\"'(")
	return unitOfFolded(key)
}

func unitOfFolded(key string) string {
	for _, p := range unitPrefixes {
		if strings.HasPrefix(key, p.prefix) && (len(key) == len(p.prefix) || !isWordByte(key[len(p.prefix)])) {
			return p.code
		}
	}
	return UnitOther
}

// isWordByte reports whether a byte of a folded key belongs to a word.
// Folding maps Vietnamese letters to ASCII, so in a key every byte from
// 0x80 up is part of punctuation (quotes, dashes) or another script.
func isWordByte(b byte) bool { return wordBytes[b] }

var wordBytes = func() (tab [256]bool) {
	for b := range tab {
		tab[b] = 'a' <= b && b <= 'z' || '0' <= b && b <= '9'
	}
	return tab
}()
