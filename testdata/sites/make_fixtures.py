#!/usr/bin/env python3
"""Builds the fixture sites in testdata/sites from the gold documents.

Run from the repository root:  python3 testdata/sites/make_fixtures.py ../shared/gold
It rewrites every generated page (hand-written files such as robots.txt,
sources.toml and README.md are written here too, so the tree is reproducible)
and crawl/testsite/mirrortext.txt, the paragraphs Mirror assembles its pages from.
The article text is copied from the gold "text" field exactly (HTML-escaped);
each page names its gold document in an HTML comment.
"""
import html, json, os, sys, unicodedata

GOLD = sys.argv[1] if len(sys.argv) > 1 else "../shared/gold"
OUT = "testdata/sites"

docs = {}
for f in ("seeds.docs.jsonl", "dev.docs.jsonl"):
    for line in open(os.path.join(GOLD, f), encoding="utf-8"):
        d = json.loads(line)
        docs[d["id"]] = d

def write(path, data, headers=None):
    p = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(p, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as fh:
        fh.write(data)
    if headers:
        with open(p + ".headers", "w", encoding="utf-8") as fh:
            fh.write(headers)

def esc(s):
    return html.escape(s, quote=False)

def paras(text):
    """Gold text → HTML paragraphs, lines inside a paragraph joined by <br>."""
    out = []
    for p in text.split("\n\n"):
        if not p.strip():
            continue
        out.append("<p>" + "<br>\n".join(esc(l) for l in p.split("\n")) + "</p>")
    return "\n".join(out)

def comment(doc_id, note=""):
    d = docs[doc_id]
    src = d.get("url") or "no URL in the gold file"
    return f"<!-- gold: {doc_id} ({src}){' ' + note if note else ''} -->"

def strip_prefix(text, prefix):
    assert text.startswith(prefix), (text[:40], prefix)
    return text[len(prefix):]

# ---------------------------------------------------------------- thads.moj.gov.vn (SharePoint)
THADS = "thads.moj.gov.vn"
SP_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html dir="ltr" lang="vi-VN" xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv="X-UA-Compatible" content="IE=10" /><meta name="GENERATOR" content="Microsoft SharePoint" />
<meta http-equiv="Content-type" content="text/html; charset=utf-8" />
<title>{title}</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css?rev=OqA%2F4" />
<script type="text/javascript" src="/_layouts/15/init.js?rev=ZBNm6Mf"></script>
<script type="text/javascript">//<![CDATA[
var _spPageContextInfo={{webServerRelativeUrl:"\\u002f{unit}",webTitle:"{webtitle}",currentLanguage:1066,pageListId:"{{a3c2f7a1-5b2e-4f0b-9c77-1e2d4f1a9b10}}"}};
//]]></script>
</head>
<body>
<div id="ms-designer-ribbon"><div id="s4-ribbonrow"><div id="globalNavBox">
<a href="javascript:;" onclick="document.getElementById('mainContent').focus();" class="ms-skip">Skip Ribbon Commands</a>
<a href="#mainContent" class="ms-skip">Skip to main content</a>
<span class="ms-signInLink"><a id="ctl00_IdWelcome_ExplicitLogin" href="/_layouts/15/Authenticate.aspx?Source=%2F{unit}" style="display:inline;">Sign In</a></span>
</div></div></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div class="header"><a href="/"><img src="/PublishingImages/banner.jpg" alt="Tổng cục Thi hành án dân sự - Bộ Tư pháp" /></a>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/noidung/tintuc/Lists/TinTuDiaPhuong/AllItems.aspx">Tin từ địa phương</a></li>
<li><a href="/noidung/tintuc/Lists/TinTuDiaPhuong/AllItems.aspx?Page=2">Hoạt động của các Cục</a></li></ul></div>
<div id="contentBox" aria-live="polite" aria-relevant="all"><div id="mainContent" tabindex="-1">
"""
SP_TAIL = """</div></div>
<div class="footer">Cổng thông tin điện tử Tổng cục Thi hành án dân sự - Bộ Tư pháp<br />Địa chỉ: 60 Trần Phú, Ba Đình, Hà Nội</div>
</div></div>
</body>
</html>
"""

CASES = {"lists": "Lists", "tintudiaphuong": "TinTuDiaPhuong", "hoatdongcuacuc": "HoatDongCuaCuc"}

def sp_file(path):
    """The file for a SharePoint URL path: IIS matches in any case (.site says
    so), so links keep the gold URL's case and the file has the usual one."""
    segs = path.split("/")
    segs = [CASES.get(x, x) for x in segs]
    segs[-1] = segs[-1].replace("view_detail.aspx@itemid=", "View_Detail.aspx@ItemID=").replace("view_detail.aspx@", "View_Detail.aspx@")
    return "/".join(segs)

def sp_article(doc_id, path, unit, webtitle, date_ddmmyyyy, title=None, note="", rest=None):
    d = docs[doc_id]
    text = d["text"] if rest is None else rest
    had_signin = text.startswith("Sign In\n\n")
    if had_signin:
        text = text[len("Sign In\n\n"):]
    head_html = ""
    if title and text.startswith(title + "\n\n"):
        text = text[len(title) + 2:]
        head_html += f'<h2 class="title-news">{esc(title)}</h2>\n'
    shown_date = None
    if date_ddmmyyyy and text.startswith(date_ddmmyyyy):
        text = text[len(date_ddmmyyyy):].lstrip("\n")
        shown_date = date_ddmmyyyy
    trailer = ""
    if text.rstrip().endswith("Các tin đã đưa ngày:"):
        text = text.rstrip()[: -len("Các tin đã đưa ngày:")]
        trailer = "Các tin đã đưa ngày:"
    day = date_ddmmyyyy or "01/01/2024"
    dd, mm, yy = day.split("/")
    iso = f"{yy}-{mm}-{dd}"
    body = SP_HEAD.format(title=esc(title or webtitle), unit=unit, webtitle=esc(webtitle))
    body += comment(doc_id, note) + "\n"
    body += '<div class="ms-webpart-zone"><div class="news-detail">\n' + head_html
    if shown_date:
        body += f'<div class="date-news">{shown_date}</div>\n'
    body += '<div class="content-news">\n' + paras(text) + "\n</div>\n"
    body += '<div class="ngay-dua-tin"><span class="lbl">' + (trailer or "Các tin đã đưa ngày:") + "</span>\n"
    body += f'<input type="text" value="{day}" class="ms-input" /> <a href="/lich/?ngay={iso}">Xem</a></div>\n'
    body += '<div class="tin-khac"><h3>Các tin khác</h3><ul>\n'
    for href, t in SP_LINKS:
        if href != "/" + path.replace("@", "?"):
            body += f'<li><a href="{href}">{esc(t)}</a></li>\n'
    body += "</ul></div>\n</div></div>\n" + SP_TAIL
    write(f"{THADS}/{sp_file(path)}", body)

SP_PAGES = [
    # doc, file path (query after @), unit, web title, date, title
    ("p011", "tuyenquang/noidung/tintuc/Lists/HoatDongCuaCuc/View_Detail.aspx@ItemID=136", "tuyenquang", "Cục Thi hành án dân sự tỉnh Tuyên Quang", None, None, ""),
    ("p016", "tayninh/noidung/tintuc/Lists/HoatDongCuaCuc/View_Detail.aspx@ItemID=178", "tayninh", "Cục Thi hành án dân sự tỉnh Tây Ninh", "10/01/2023", "Tổng kết thi đua Khối thi đua Nội chính năm 2022", ""),
    ("n075", "quangbinh/noidung/tintuc/Lists/HoatDongDoanThe/View_Detail.aspx@ItemID=42", "quangbinh", "Cục Thi hành án dân sự tỉnh Quảng Bình", "12/12/2024", "Khối thi đua các Ngành Nội chính tỉnh Quảng Bình hoạt động hướng về nguồn, năm 2024.", ""),
    ("seed-004", "caobang/noidung/tintuc/Lists/HoatDongCuaCuc/View_Detail.aspx@ItemID=91", "caobang", "Cục Thi hành án dân sự tỉnh Cao Bằng", "27/03/2018", "Hội nghị phát động và ký kết giao ước thi đua năm 2018 của Khối thi đua các cơ quan Nội chính tỉnh Cao Bằng", "the gold file has no URL: ItemID=91 is invented in this site's style"),
    ("p035", "binhdinh/noidung/tintuc/lists/hoatdongcuacuc/view_detail.aspx@itemid=256", "binhdinh", "Cục Thi hành án dân sự tỉnh Bình Định", "11/01/2023", "Khối thi đua Nội chính tỉnh: Hội nghị tổng kết phong trào thi đua và công tác khen thưởng năm 2022", ""),
    ("p066", "noidung/tintuc/Lists/TinTuDiaPhuong/View_Detail.aspx@ItemID=4479", "", "Tổng cục Thi hành án dân sự", None, "Bình Định: Khối thi đua nội chính sơ kết phong trào thi đua 6 tháng đầu năm 2022", ""),
    ("n015", "noidung/tintuc/lists/tintudiaphuong/view_detail.aspx@page=211", "", "Tổng cục Thi hành án dân sự", None, None, "not relevant: one agency's covenant with a commune"),
]
SP_LINKS = []
for doc_id, path, unit, webtitle, date, title, note in SP_PAGES:
    label = title or docs[doc_id]["text"].split("\n")[0][:90].rstrip() + "…"
    SP_LINKS.append(("/" + path.replace("@", "?"), label))

for doc_id, path, unit, webtitle, date, title, note in SP_PAGES:
    text = docs[doc_id]["text"]
    if doc_id == "p066":  # title, then the date on its own line
        t = strip_prefix(text, title + "\n\n")
        date_line, _, rest = t.partition("\n")
        sp_article(doc_id, path, unit, webtitle, date_line, title=title, note=note)
        continue
    sp_article(doc_id, path, unit, webtitle, date, title, note)

def sp_listing(path, page, items, prev=None, nxt=None):
    body = SP_HEAD.format(title="Tin từ địa phương", unit="", webtitle="Tổng cục Thi hành án dân sự")
    body += '<div class="ms-webpart-zone"><h2>Tin từ địa phương</h2>\n<table class="ms-listviewtable" summary="Tin từ địa phương">\n'
    for href, t in items:
        body += f'<tr class="ms-itmhover"><td class="ms-vb2"><a href="{href}" onclick="EditLink2(this,12);return false;">{esc(t)}</a></td></tr>\n'
    body += "</table>\n<div class=\"ms-paging\">"
    if prev:
        body += f'<a href="{prev}">Trang trước</a> '
    body += f"<span>Trang {page}</span>"
    if nxt:
        body += f' <a href="{nxt}">Trang sau</a>'
    body += "</div></div>\n" + SP_TAIL
    write(f"{THADS}/{path}", body)

LIST = "/noidung/tintuc/Lists/TinTuDiaPhuong/AllItems.aspx"
sp_listing("noidung/tintuc/Lists/TinTuDiaPhuong/AllItems.aspx", 1, SP_LINKS[:4], nxt=LIST + "?Page=2")
sp_listing("noidung/tintuc/Lists/TinTuDiaPhuong/AllItems.aspx@Page=2", 2, SP_LINKS[4:], prev=LIST)
home = SP_HEAD.format(title="Tổng cục Thi hành án dân sự", unit="", webtitle="Tổng cục Thi hành án dân sự")
home += '<div class="ms-webpart-zone"><h2>Tin mới</h2><ul>\n'
for href, t in SP_LINKS[:3]:
    home += f'<li><a href="{href}">{esc(t)}</a></li>\n'
home += f'</ul><a href="{LIST}">Xem tất cả</a> | <a href="/lich/?ngay=2024-01-01">Lịch công tác</a></div>\n' + SP_TAIL
write(f"{THADS}/index.html", home)
write(f"{THADS}/_layouts/15/Authenticate.aspx", SP_HEAD.format(title="Đăng nhập", unit="", webtitle="Đăng nhập")
      + "<p>Trang đăng nhập: robots.txt cấm thu thập /_layouts/.</p>\n" + SP_TAIL)
write(f"{THADS}/robots.txt", "User-agent: *\nDisallow: /_layouts/\nDisallow: /_vti_bin/\nDisallow: /_catalogs/\n")
write(f"{THADS}/.site", "# SharePoint on IIS: URLs match in any case; /lich/ is the endless date archive.\ncalendar: /lich/\ncase-insensitive: true\n")

# ---------------------------------------------------------------- vksbinhdinh.gov.vn (old ASP, tables)
VKS = "vksbinhdinh.gov.vn"
VKS_CHROME_TAIL = """CÁC BÀI LIÊN QUAN

Trở về 1 2 3 4 5 Tiếp

Số lượt truy cập:1,333,796 lượt

Số người online:912 người

© Viện kiểm sát nhân dân tỉnh Bình Định thiết kế và giữ bản quyền
Mong bạn đọc góp ý kiến. Thư điện tử liên hệ: trangtinvks_binhdinh@vks.gov.vn hoặc bbt@vksbinhdinh.gov.vn"""

def vks_page(title, content, counter="1,333,796", online="912", broken=False):
    s = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>""" + esc(title) + """</title>
<link href="/css/style.css" rel="stylesheet" type="text/css">
<script language="JavaScript">
function MM_openBrWindow(theURL,winName,features) { window.open(theURL,winName,features); }
var banner = "<div class='bn'><img src='/images/banner.gif'></div>";
</script>
</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0">
<table width="990" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td colspan="3"><img src="/images/top.jpg" width="990" height="150" alt="Trang tin điện tử Viện kiểm sát nhân dân tỉnh Bình Định"></td></tr>
<tr><td colspan="3" class="menu"><a href="/">Trang chủ</a> | <a href="/news.asp;jsessionid=8F3A21C9?cat1id=2&amp;Cat2id=6">Thi đua - Khen thưởng</a> | <a href="/news.asp?cat1id=1&amp;sid=7731">Tin hoạt động</a></td></tr>
<tr>
<td width="200" valign="top" class="left"><table width="100%"><tr><td class="title_left">CHUYÊN MỤC</td></tr>
<tr><td><a href="/news.asp?cat1id=2&amp;Cat2id=6">Thi đua - Khen thưởng</a></td></tr>
<tr><td><a href="/news.asp?cat1id=2&amp;Cat2id=6&amp;sid=A77F0">Thi đua (bản cũ)</a></td></tr></table></td>
<td width="590" valign="top" class="content">
""" + content + """
</td>
<td width="200" valign="top"><table width="100%"><tr><td class="title_left">LIÊN KẾT</td></tr><tr><td><a href="https://vksndtc.gov.vn">VKSND tối cao</a></td></tr></table></td>
</tr>
<tr><td colspan="3" class="footer">
<p>Số lượt truy cập:""" + counter + """ lượt</p>
<p>Số người online:""" + online + """ người</p>
<p>© Viện kiểm sát nhân dân tỉnh Bình Định thiết kế và giữ bản quyền<br>
Mong bạn đọc góp ý kiến. Thư điện tử liên hệ: trangtinvks_binhdinh@vks.gov.vn hoặc bbt@vksbinhdinh.gov.vn</p>
</td></tr>
</table>
</body>
</html>
"""
    return s

VKS_ARTS = [
    ("seed-002", "newsdetail.asp@newsID=88412&cat1id=2&Cat2id=6", "Khối Thi đua Nội chính tổ chức Hội nghị tổng kết phong trào thi đua năm 2020", "the gold file has no URL: newsID=88412 is invented; this page's HTML is deliberately broken"),
    ("n060", "newsdetail.asp@newsID=92975&cat1id=2&Cat2id=6", "Viện Kiểm sát nhân dân tỉnh Bình Định nhận Cờ Thi đua của Uỷ ban nhân dân tỉnh Bình Định", "not relevant: one agency's award"),
]
for doc_id, path, title, note in VKS_ARTS:
    text = docs[doc_id]["text"]
    text = strip_prefix(text, title + "\n\n")
    related = ""
    if text.endswith(VKS_CHROME_TAIL):
        text = text[: -len(VKS_CHROME_TAIL)].rstrip()
    other = [a for a in VKS_ARTS if a[0] != doc_id][0]
    related = ('<table class="lienquan"><tr><td class="title_left">CÁC BÀI LIÊN QUAN</td></tr>\n'
               f'<tr><td><a href="/{other[1].replace("@", "?").replace("&", "&amp;")}">{esc(other[2])}</a></td></tr></table>\n'
               '<p class="paging"><a href="/news.asp?cat1id=2&amp;Cat2id=6">Trở về</a> <a href="/news.asp?cat1id=2&amp;Cat2id=6">1</a> 2 3 4 5 Tiếp</p>\n')
    if doc_id == "seed-002":
        # Broken on purpose: unclosed <font>/<p>/<td>, a stray </div>, a script with "</" inside strings.
        body = "\n".join("<p align=\"justify\"><font face=\"Times New Roman\">" + "<br>".join(esc(l) for l in p.split("\n")) for p in text.split("\n\n") if p.strip())
        content = (comment(doc_id, note) + "\n"
                   f'<table width="100%"><tr><td class="title_news"><b>{esc(title)}</b>\n'
                   '<tr><td class="content_news">\n' + body + "\n</div></div>\n"
                   '<script type="text/javascript">var s = "</p></td>"; document.write("<a href=\\"/print.asp?id=88412\\">In bài<\\/a>" + "</" + "b>");</script>\n'
                   "</font></td></tr></table>\n" + related)
    else:
        content = (comment(doc_id, note) + "\n"
                   f'<table width="100%"><tr><td class="title_news"><b>{esc(title)}</b></td></tr>\n'
                   '<tr><td class="content_news">\n' + paras(text) + "\n</td></tr></table>\n" + related)
    write(f"{VKS}/{path}", vks_page(title, content))

lst = '<table width="100%"><tr><td class="title_left">THI ĐUA - KHEN THƯỞNG</td></tr>\n'
for doc_id, path, title, note in VKS_ARTS:
    href = "/" + path.replace("@", "?").replace("&", "&amp;")
    lst += f'<tr><td><a href="{href}">{esc(title)}</a></td></tr>\n'
# the same article behind a session id, as the old site writes its links
lst += f'<tr><td><a href="/newsdetail.asp;jsessionid=8F3A21C9?newsID=88412&amp;cat1id=2&amp;Cat2id=6">{esc(VKS_ARTS[0][2])} (xem tiếp)</a></td></tr>\n'
lst += f'<tr><td><a href="/newsdetail.asp?newsID=92975&amp;cat1id=2&amp;Cat2id=6&amp;sid=5512">{esc(VKS_ARTS[1][2])} (xem tiếp)</a></td></tr>\n</table>\n'
write(f"{VKS}/news.asp@cat1id=2&Cat2id=6", vks_page("Thi đua - Khen thưởng", lst))
write(f"{VKS}/news.asp@cat1id=1", vks_page("Tin hoạt động", '<p>Chưa có tin.</p><p><a href="/">Trang chủ</a></p>\n'))
write(f"{VKS}/index.html", vks_page("Trang tin điện tử Viện kiểm sát nhân dân tỉnh Bình Định", lst))
write(f"{VKS}/robots.txt", "User-agent: *\nDisallow: /admin/\nDisallow: /print.asp\n")

# ---------------------------------------------------------------- baonghean.vn (provincial newspaper)
BNA = "baonghean.vn"

def bna_page(title, desc, url, published, inner, kind="article"):
    meta = ""
    if kind == "article":
        meta = (f'<meta property="og:type" content="article">\n<meta property="og:title" content="{html.escape(title)}">\n'
                f'<meta property="og:description" content="{html.escape(desc)}">\n<meta property="og:url" content="{url}">\n'
                f'<meta property="og:image" content="https://image.baonghean.vn/w1200/uploaded/og.jpg">\n'
                + (f'<meta property="article:published_time" content="{published}">\n' if published else "")
                + '<meta property="article:section" content="Thời sự">\n')
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | Báo Nghệ An điện tử</title>
<link rel="canonical" href="{url}">
{meta}<link rel="alternate" type="application/rss+xml" title="Thời sự" href="https://baonghean.vn/rss/thoi-su.rss">
<script async src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>
</head>
<body class="{kind}">
<header class="site-header"><a class="logo" href="https://baonghean.vn/"><img src="/images/logo-baonghean.svg" alt="Báo Nghệ An"></a>
<nav class="main-nav"><a href="/thoi-su">Thời sự</a> <a href="/thoi-su/trang-2">Thời sự (trang 2)</a> <a href="/tim-kiem?q=giao+%C6%B0%E1%BB%9Bc+thi+%C4%91ua">Tìm kiếm</a></nav></header>
<main>
{inner}
</main>
<footer class="site-footer"><p>Báo Nghệ An - Cơ quan của Đảng bộ Đảng Cộng sản Việt Nam tỉnh Nghệ An</p><p>Địa chỉ: Số 5 Hồ Tùng Mậu, TP. Vinh, Nghệ An</p></footer>
</body>
</html>
"""

def bna_body(text):
    """Paragraphs; a paragraph whose first line is a file name (IMG_0528.JPG)
    becomes a figure with that line as the image and the rest as caption."""
    out = []
    for p in text.split("\n\n"):
        if not p.strip():
            continue
        first, _, rest = p.partition("\n")
        if first.upper().endswith((".JPG", ".JPEG", ".PNG")) and rest:
            out.append(f'<figure class="image"><img src="/images/uploaded/{html.escape(first)}" alt="{html.escape(first)}">'
                       f"<figcaption>{esc(rest)}</figcaption></figure>")
        else:
            out.append("<p>" + "<br>\n".join(esc(l) for l in p.split("\n")) + "</p>")
    return "\n".join(out)

BNA_ARTS = [
    # doc, slug path, title (first paragraph) or None, published, lastmod month, note
    ("seed-003", "day-manh-cac-phong-trao-thi-dua-yeu-nuoc-trong-khoi-noi-chinh-luc-luong-vu-trang-10273411.html",
     "Đẩy mạnh các phong trào thi đua yêu nước trong Khối Nội chính - Lực lượng vũ trang", "2024-03-19T17:01:00+07:00", "the gold file has no URL: the slug and id are invented in this site's style"),
    ("n016", "khoi-thi-dua-van-hoa-xa-hoi-tinh-hoan-thanh-xuat-sac-nhiem-vu-85917.html",
     "Khối thi đua Văn hóa - xã hội tỉnh hoàn thành xuất sắc nhiệm vụ", "2015-11-26T18:00:00+07:00", "not relevant: another bloc; the time is invented"),
    ("n017", "hoi-nghi-so-ket-cum-thi-dua-6-tinh-bac-trung-bo-61796.html",
     "Hội nghị sơ kết Cụm thi đua 6 tỉnh Bắc Trung bộ", "2013-07-10T16:30:00+07:00", "not relevant: a cluster of provinces; the time is invented"),
    ("n018", "nghe-an-thong-tin-noi-bat-ngay-26-12-279665.html",
     None, "2020-12-26T20:00:00+07:00", "not relevant: a news digest; the title and time are invented"),
]
BNA_TITLE_N018 = "Nghệ An: Thông tin nổi bật ngày 26/12"

def bna_url(slug):
    return f"https://baonghean.vn/{slug}"

for doc_id, slug, title, published, note in BNA_ARTS:
    text = docs[doc_id]["text"]
    byline = ""
    if title:
        text = strip_prefix(text, title + "\n\n")
    else:
        title = BNA_TITLE_N018
        text = strip_prefix(text, " date 2020-12 ")
    if doc_id == "seed-003":
        byline_text = "Khánh Ly 19/03/2024 17:01"
        text = strip_prefix(text, byline_text + "\n\n")
        byline = f'<div class="author-time"><span class="author">Khánh Ly</span> <span class="time" datetime="{published}">19/03/2024 17:01</span></div>\n'
    else:
        y, m, d = published[:10].split("-")
        byline = f'<div class="author-time"><span class="time" datetime="{published}">{d}/{m}/{y} {published[11:16]}</span></div>\n'
    others = [a for a in BNA_ARTS if a[0] != doc_id]
    docthem = '<div class="related"><h3>Đọc thêm</h3><ul>\n' + "".join(
        f'<li><a href="{bna_url(o[1])}">{esc(o[2] or BNA_TITLE_N018)}</a></li>\n' for o in others) + "</ul></div>\n"
    desc = text.split("\n\n")[0][:200]
    inner = (comment(doc_id, note) + f'\n<article class="article-detail">\n<div class="breadcrumb"><a href="/thoi-su">Thời sự</a></div>\n'
             f'<h1 class="article-title">{esc(title)}</h1>\n{byline}<div class="article-body">\n{bna_body(text)}\n</div>\n'
             f'<div class="article-tags"><a href="/tag/khoi-noi-chinh-t1234.html">Khối Nội chính</a> <a href="/tag/thi-dua-t88.html">thi đua</a></div>\n'
             f'<div class="tools"><a href="{bna_url(slug)}?print=1" rel="nofollow">In bài</a></div>\n'
             f"</article>\n{docthem}")
    write(f"{BNA}/{slug}", bna_page(title, desc, bna_url(slug), published, inner))

def bna_listing(path, name, items, page, prev=None, nxt=None):
    inner = f'<section class="category"><h1>{esc(name)}</h1>\n<ul class="list-news">\n'
    for doc_id, slug, title, published, note in items:
        inner += f'<li><a href="{bna_url(slug)}"><img src="/images/thumb/{slug[:20]}.jpg" alt=""></a><h3><a href="{bna_url(slug)}">{esc(title or BNA_TITLE_N018)}</a></h3><time datetime="{published}">{published[:10]}</time></li>\n'
    inner += '</ul>\n<div class="pagination">'
    if prev:
        inner += f'<a href="{prev}">« Trang trước</a> '
    inner += f"<span>{page}</span>"
    if nxt:
        inner += f' <a href="{nxt}">Trang sau »</a>'
    inner += "</div></section>\n"
    write(f"{BNA}/{path}", bna_page(name, "", "https://baonghean.vn/" + path.replace("index.html", "").replace("@", "?"), None, inner, kind="category"))

bna_listing("thoi-su/index.html", "Thời sự", BNA_ARTS[:2], 1, nxt="/thoi-su/trang-2")
bna_listing("thoi-su/trang-2", "Thời sự - Trang 2", BNA_ARTS[2:], 2, prev="/thoi-su")
bna_listing("tim-kiem@q=giao+%C6%B0%E1%BB%9Bc+thi+%C4%91ua", "Kết quả tìm kiếm: giao ước thi đua", [BNA_ARTS[0]], 1)
bna_listing("tag/khoi-noi-chinh-t1234.html", "Khối Nội chính", BNA_ARTS, 1)
bna_listing("tag/thi-dua-t88.html", "thi đua", BNA_ARTS, 1)
bna_listing("index.html", "Báo Nghệ An điện tử", BNA_ARTS[:3], 1, nxt="/thoi-su/trang-2")

months = {}
for a in BNA_ARTS:
    months.setdefault(a[3][:7], []).append(a)
idx = '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
for month in sorted(months, reverse=True):
    last = max(a[3] for a in months[month])
    idx += f"  <sitemap><loc>https://baonghean.vn/sitemaps/{month}.xml</loc><lastmod>{last}</lastmod></sitemap>\n"
    sm = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n'
    for a in months[month]:
        sm += f"  <url><loc>{bna_url(a[1])}</loc><lastmod>{a[3]}</lastmod><changefreq>never</changefreq></url>\n"
    sm += "</urlset>\n"
    write(f"{BNA}/sitemaps/{month}.xml", sm)
idx += "</sitemapindex>\n"
write(f"{BNA}/sitemap.xml", idx)

rss = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
       "<title>Báo Nghệ An - Thời sự</title>\n<link>https://baonghean.vn/thoi-su</link>\n<description>Tin thời sự Nghệ An</description>\n<language>vi</language>\n"
       '<atom:link href="https://baonghean.vn/rss/thoi-su.rss" rel="self" type="application/rss+xml"/>\n')
import email.utils, datetime
for doc_id, slug, title, published, note in sorted(BNA_ARTS, key=lambda a: a[3], reverse=True):
    dt = datetime.datetime.fromisoformat(published)
    rss += (f"<item><title>{esc(title or BNA_TITLE_N018)}</title><link>{bna_url(slug)}</link><guid isPermaLink=\"true\">{bna_url(slug)}</guid>"
            f"<pubDate>{email.utils.format_datetime(dt)}</pubDate><description><![CDATA[{docs[doc_id]['text'].split(chr(10))[-1][:120]}]]></description></item>\n")
rss += "</channel>\n</rss>\n"
write(f"{BNA}/rss/thoi-su.rss", rss)
write(f"{BNA}/robots.txt", "User-agent: *\nDisallow: /api/\nDisallow: /*?print=\n\nSitemap: https://baonghean.vn/sitemap.xml\n")

# ---------------------------------------------------------------- baophapluat.vn (national legal newspaper) + m.baophapluat.vn
BPL = "baophapluat.vn"
BPL_ARTS = [
    ("seed-001", "tu-phap/vinh-phuc-cac-co-quan-khoi-noi-chinh-ky-ket-giao-uoc-thi-dua-nam-2021-578232.html",
     "Vĩnh Phúc: Các cơ quan Khối Nội chính ký kết giao ước thi đua năm 2021", "2021-03-18T09:12:00+07:00",
     "the gold URL is on m.baophapluat.vn, which carries a byte-identical copy; the time is invented"),
    ("p059", "thoi-su/hoi-nghi-trien-khai-nhiem-vu-nam-2023-khoi-thi-dua-cac-bo-nganh-noi-chinh-trung-uong-24178.html",
     "Hội nghị triển khai nhiệm vụ năm 2023 Khối thi đua các bộ, ngành Nội chính Trung ương", "2023-03-30T20:30:00+07:00",
     "text first published by baokiemtoan.vn; placed here as a ministry-level article"),
    ("n026", "tu-phap/cu-truong-pho-truong-khu-vuc-thi-dua-khoi-cac-co-quan-tu-phap-dia-phuong-nam-2013-425139.html",
     None, "2012-12-20T10:00:00+07:00", "not relevant: another bloc; text first published by vnmedia.vn; title and time invented"),
]
N026_TITLE = "Cử Trưởng, Phó trưởng Khu vực thi đua khối các cơ quan Tư pháp địa phương năm 2013"

def bpl_article(doc_id, path, title, published, note):
    text = docs[doc_id]["text"]
    if title:
        sep = "\n\n" if text.startswith(title + "\n\n") else "\n"
        text = strip_prefix(text, title + sep)
    else:
        title = N026_TITLE
    tail = ""
    if text.rstrip().endswith("Cùng chuyên mục\nĐọc thêm"):
        text = text.rstrip()[: -len("Cùng chuyên mục\nĐọc thêm")].rstrip()
    others = [a for a in BPL_ARTS if a[0] != doc_id]
    url = f"https://baophapluat.vn/{path}"
    ld = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": title, "datePublished": published, "dateModified": published,
        "author": {"@type": "Organization", "name": "Báo Pháp luật Việt Nam"},
        "publisher": {"@type": "Organization", "name": "Báo Pháp luật Việt Nam", "logo": {"@type": "ImageObject", "url": "https://baophapluat.vn/images/logo.png"}},
        "image": ["https://image.baophapluat.vn/w800/Uploaded/2021/anh-bia.jpg"],
    }, ensure_ascii=False, indent=1)
    section = path.split("/")[0]
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
<meta name="description" content="{html.escape(text.split(chr(10))[0][:180])}">
<link rel="canonical" href="{url}">
<link rel="amphtml" href="https://baophapluat.vn/amp/{path}">
<link rel="alternate" type="application/atom+xml" title="Tư pháp" href="https://baophapluat.vn/feed/tu-phap.atom">
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:type" content="article">
<script type="application/ld+json">
{ld}
</script>
</head>
<body>
{comment(doc_id, note)}
<div class="header"><a href="https://baophapluat.vn/"><img src="/images/logo.png" alt="Báo Pháp luật Việt Nam"></a>
<ul class="menu"><li><a href="https://baophapluat.vn/tu-phap/">Tư pháp</a></li><li><a href="https://baophapluat.vn/thoi-su/">Thời sự</a></li></ul></div>
<div class="main-content">
<div class="breadcrumbs"><a href="https://baophapluat.vn/{section}/">{ "Tư pháp" if section == "tu-phap" else "Thời sự" }</a></div>
<h1 class="article__title">{esc(title)}</h1>
<div class="article__meta"><span class="date">{published[8:10]}/{published[5:7]}/{published[:4]} {published[11:16]}</span></div>
<div class="article__body">
{paras(text)}
</div>
<div class="box-related"><h3 class="title">Cùng chuyên mục</h3><ul>
{"".join(f'<li><a href="https://baophapluat.vn/{o[1]}">{esc(o[2] or N026_TITLE)}</a></li>' + chr(10) for o in others)}</ul></div>
<div class="box-more"><h3 class="title">Đọc thêm</h3><a href="https://baophapluat.vn/{section}/">Xem thêm tin {esc("Tư pháp" if section == "tu-phap" else "Thời sự")}</a></div>
</div>
<div class="footer">© Báo Pháp luật Việt Nam - Cơ quan của Bộ Tư pháp</div>
</body>
</html>
"""

for a in BPL_ARTS:
    page = bpl_article(*a)
    write(f"{BPL}/{a[1]}", page)
    if a[0] == "seed-001":
        write(f"m.{BPL}/{a[1]}", page)  # syndicated: byte-identical, rel=canonical to the original

for section, name in (("tu-phap", "Tư pháp"), ("thoi-su", "Thời sự")):
    items = [a for a in BPL_ARTS if a[1].startswith(section + "/")]
    lst = f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n<title>{name} - Báo Pháp luật Việt Nam</title>\n</head>\n<body>\n<h1>{name}</h1>\n<ul>\n'
    for a in items:
        lst += f'<li><a href="https://baophapluat.vn/{a[1]}">{esc(a[2] or N026_TITLE)}</a></li>\n'
    lst += '</ul>\n<a href="/">Trang chủ</a>\n</body>\n</html>\n'
    write(f"{BPL}/{section}/index.html", lst)
write(f"{BPL}/index.html", '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n<title>Báo Pháp luật Việt Nam</title>\n</head>\n<body>\n<a href="/tu-phap/">Tư pháp</a> <a href="/thoi-su/">Thời sự</a>\n</body>\n</html>\n')
atom = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">\n<title>Báo Pháp luật Việt Nam - Tư pháp</title>\n'
        '<link href="https://baophapluat.vn/feed/tu-phap.atom" rel="self"/>\n<link href="https://baophapluat.vn/tu-phap/"/>\n'
        f"<id>https://baophapluat.vn/tu-phap/</id>\n<updated>{max(a[3] for a in BPL_ARTS)}</updated>\n")
for a in sorted(BPL_ARTS, key=lambda a: a[3], reverse=True):
    atom += (f'<entry><title>{esc(a[2] or N026_TITLE)}</title><link href="https://baophapluat.vn/{a[1]}"/>'
             f"<id>https://baophapluat.vn/{a[1]}</id><published>{a[3]}</published><updated>{a[3]}</updated></entry>\n")
atom += "</feed>\n"
write(f"{BPL}/feed/tu-phap.atom", atom)
write(f"{BPL}/robots.txt", "User-agent: *\nDisallow: /amp/\nDisallow: /tim-kiem\n\nSitemap: https://baophapluat.vn/sitemap.xml\n")
write(f"m.{BPL}/robots.txt", "User-agent: *\nDisallow: /amp/\n")
write(f"m.{BPL}/index.html", '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n<title>Báo Pháp luật Việt Nam (di động)</title>\n</head>\n<body>\n'
      f'<a href="/{BPL_ARTS[0][1]}">{esc(BPL_ARTS[0][2])}</a>\n</body>\n</html>\n')

# ---------------------------------------------------------------- congan.hatinh.gov.vn (windows-1258)
CAHT = "congan.hatinh.gov.vn"
MODIFIERS = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn: part of the letter in windows-1258

def cp1258(s):
    """Encodes s as windows-1258 the way old Vietnamese pages were typed:
    base letters (â ê ô ơ ư ă đ) precomposed, tone marks as combining characters."""
    out = bytearray()
    for ch in s:
        d = unicodedata.normalize("NFD", ch)
        if len(d) == 1:
            out += ch.encode("cp1258")
            continue
        base, tones = d[0], []
        for m in d[1:]:
            if m in MODIFIERS:
                base = unicodedata.normalize("NFC", base + m)
            else:
                tones.append(m)
        out += (base + "".join(tones)).encode("cp1258")
    return bytes(out)

def caht_page(doc_id, title, text, note, meta_only):
    charset_meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
{charset_meta}
<title>{esc(title)} - Công an tỉnh Hà Tĩnh</title>
</head>
<body>
{comment(doc_id, note)}
<div id="header"><a href="/">Cổng thông tin điện tử Công an tỉnh Hà Tĩnh</a></div>
<div id="menu"><a href="/">Trang chủ</a> | <a href="/tin-tuc.caht">Tin tức</a></div>
<div id="content">
<h1 class="title">{esc(title)}</h1>
<div class="noidung">
{paras(text)}
</div>
<div class="tinkhac"><a href="/tin-tuc.caht">Các tin khác</a></div>
</div>
<div id="footer">Bản quyền thuộc Công an tỉnh Hà Tĩnh. Địa chỉ: 89 Phan Đình Phùng, TP Hà Tĩnh</div>
</body>
</html>
"""

CAHT_ARTS = [
    ("seed-000", "bai-viet/khoi-thi-dua-noi-chinh-tinh-ky-giao-uoc-thi-dua-nam-2020_1582793311.caht",
     "Khối thi đua Nội chính tỉnh: Ký giao ước thi đua năm 2020", False,
     "encoded windows-1258 with combining tone marks; the charset is in the HTTP header and the meta tag"),
    ("n050", "bai-viet/cong-an-5-thanh-pho-ky-giao-uoc-thi-dua-nam-2020_1581669240.caht",
     "Công an 5 thành phố trực thuộc Trung ương ký giao ước thi đua năm 2020", True,
     "not relevant (police of several cities); text first published by infonet.vietnamnet.vn; title invented; "
     "encoded windows-1258, the charset declared only in the meta tag"),
]
for doc_id, path, title, meta_only, note in CAHT_ARTS:
    text = docs[doc_id]["text"]
    if text.startswith(title + "\n\n"):
        text = text[len(title) + 2:]
    elif text.startswith(" date 2020-02 "):
        text = text[len(" date 2020-02 "):]
    page = cp1258(caht_page(doc_id, title, text, note, meta_only))
    hdr = ("Content-Type: text/html\nLast-Modified: Thu, 27 Feb 2020 10:15:00 GMT\n" if meta_only
           else "Content-Type: text/html; charset=windows-1258\nLast-Modified: Thu, 27 Feb 2020 10:15:00 GMT\n")
    write(f"{CAHT}/{path}", page, headers=hdr)

lst = ('<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n<title>Tin tức - Công an tỉnh Hà Tĩnh</title>\n</head>\n<body>\n'
       '<h1>Tin tức</h1>\n<ul>\n' + "".join(f'<li><a href="/{a[1]}">{esc(a[2])}</a></li>\n' for a in CAHT_ARTS) + "</ul>\n</body>\n</html>\n")
write(f"{CAHT}/tin-tuc.caht", lst)
write(f"{CAHT}/index.html", lst.replace("<title>Tin tức - ", "<title>"))
write(f"{CAHT}/robots.txt", "User-agent: *\nDisallow: /quantri/\n")

# ---------------------------------------------------------------- text for Mirror
seen, paras_out = set(), []
for doc_id in sorted(docs):
    for p in docs[doc_id]["text"].split("\n"):
        p = " ".join(p.split())
        if len(p) >= 80 and p not in seen:
            seen.add(p)
            paras_out.append(p)
with open("crawl/testsite/mirrortext.txt", "w", encoding="utf-8") as fh:
    fh.write("\n".join(paras_out) + "\n")
print("ok:", len(paras_out), "mirror paragraphs")
