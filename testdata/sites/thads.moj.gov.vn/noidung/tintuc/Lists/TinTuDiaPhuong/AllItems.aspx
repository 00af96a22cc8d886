<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html dir="ltr" lang="vi-VN" xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv="X-UA-Compatible" content="IE=10" /><meta name="GENERATOR" content="Microsoft SharePoint" />
<meta http-equiv="Content-type" content="text/html; charset=utf-8" />
<title>Tin từ địa phương</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css?rev=OqA%2F4" />
<script type="text/javascript" src="/_layouts/15/init.js?rev=ZBNm6Mf"></script>
<script type="text/javascript">//<![CDATA[
var _spPageContextInfo={webServerRelativeUrl:"\u002f",webTitle:"Tổng cục Thi hành án dân sự",currentLanguage:1066,pageListId:"{a3c2f7a1-5b2e-4f0b-9c77-1e2d4f1a9b10}"};
//]]></script>
</head>
<body>
<div id="ms-designer-ribbon"><div id="s4-ribbonrow"><div id="globalNavBox">
<a href="javascript:;" onclick="document.getElementById('mainContent').focus();" class="ms-skip">Skip Ribbon Commands</a>
<a href="#mainContent" class="ms-skip">Skip to main content</a>
<span class="ms-signInLink"><a id="ctl00_IdWelcome_ExplicitLogin" href="/_layouts/15/Authenticate.aspx?Source=%2F" style="display:inline;">Sign In</a></span>
</div></div></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div class="header"><a href="/"><img src="/PublishingImages/banner.jpg" alt="Tổng cục Thi hành án dân sự - Bộ Tư pháp" /></a>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/noidung/tintuc/Lists/TinTuDiaPhuong/AllItems.aspx">Tin từ địa phương</a></li>
<li><a href="/noidung/tintuc/Lists/TinTuDiaPhuong/AllItems.aspx?Page=2">Hoạt động của các Cục</a></li></ul></div>
<div id="contentBox" aria-live="polite" aria-relevant="all"><div id="mainContent" tabindex="-1">
<div class="ms-webpart-zone"><h2>Tin từ địa phương</h2>
<table class="ms-listviewtable" summary="Tin từ địa phương">
<tr class="ms-itmhover"><td class="ms-vb2"><a href="/tuyenquang/noidung/tintuc/Lists/HoatDongCuaCuc/View_Detail.aspx?ItemID=136" onclick="EditLink2(this,12);return false;">Sau khi nhận nhiệm vụ Thường trực Khối thi đua, đồng chí Nguyễn Tuyên - Cục trưởng Cục Thi…</a></td></tr>
<tr class="ms-itmhover"><td class="ms-vb2"><a href="/tayninh/noidung/tintuc/Lists/HoatDongCuaCuc/View_Detail.aspx?ItemID=178" onclick="EditLink2(this,12);return false;">Tổng kết thi đua Khối thi đua Nội chính năm 2022</a></td></tr>
<tr class="ms-itmhover"><td class="ms-vb2"><a href="/quangbinh/noidung/tintuc/Lists/HoatDongDoanThe/View_Detail.aspx?ItemID=42" onclick="EditLink2(this,12);return false;">Khối thi đua các Ngành Nội chính tỉnh Quảng Bình hoạt động hướng về nguồn, năm 2024.</a></td></tr>
<tr class="ms-itmhover"><td class="ms-vb2"><a href="/caobang/noidung/tintuc/Lists/HoatDongCuaCuc/View_Detail.aspx?ItemID=91" onclick="EditLink2(this,12);return false;">Hội nghị phát động và ký kết giao ước thi đua năm 2018 của Khối thi đua các cơ quan Nội chính tỉnh Cao Bằng</a></td></tr>
</table>
<div class="ms-paging"><span>Trang 1</span> <a href="/noidung/tintuc/Lists/TinTuDiaPhuong/AllItems.aspx?Page=2">Trang sau</a></div></div>
</div></div>
<div class="footer">Cổng thông tin điện tử Tổng cục Thi hành án dân sự - Bộ Tư pháp<br />Địa chỉ: 60 Trần Phú, Ba Đình, Hà Nội</div>
</div></div>
</body>
</html>
