// The kiosk's font atlas with the real Noto Sans CJK face and Dear ImGui's atlas builder (no GL:
// the build, not the upload): the slip's ticket number gets a face of its own at its size.
#include <gtest/gtest.h>

#include <imgui.h>

#include <filesystem>
#include <fstream>

#include "platform/font_atlas.h"

using namespace tx;

namespace {
DrawCmd text(const std::string& s, float px, FontFace face) {
  DrawCmd d;
  d.kind = DrawCmd::k_text;
  d.text = s;
  d.size = px;
  d.face = face;
  return d;
}
}  // namespace

TEST(FontAtlas, TheTicketNumberIsBakedAtItsOwnSize) {
  install_imgui_allocator();
  ImGui::CreateContext();
  {
    FontSystem fonts;
    std::string err;
    ASSERT_TRUE(fonts.open(&err)) << err;
    // A slip at 1×: body 48, title 72, the ticket 2.5× body.
    std::vector<DrawCmd> slip = {text("日期：12月15日 星期二", 48, FontFace::body),
                                 text("预约成功", 72, FontFace::title),
                                 text("预约号：A012", 120, FontFace::title)};
    ASSERT_TRUE(fonts.need(slip, 48, 72));
    ASSERT_TRUE(fonts.build_atlas(16384, &err)) << err;
    ImFont* ticket = fonts.font(FontFace::title, 120);
    ImFont* title = fonts.font(FontFace::title, 72);
    ASSERT_TRUE(ticket && title);
    EXPECT_NE(ticket, title);                       // not the title's glyphs scaled up
    EXPECT_FLOAT_EQ(ticket->FontSize, 120);
    EXPECT_FLOAT_EQ(title->FontSize, 72);
    EXPECT_EQ(fonts.font(FontFace::title, 80), title);  // a title a little larger: the title face
    EXPECT_EQ(fonts.font(FontFace::body, 120), fonts.font(FontFace::body));
    for (ImWchar c : {ImWchar(u'预'), ImWchar(u'号'), ImWchar(u'：'), ImWchar(u'A'), ImWchar(u'0'), ImWchar(u'9')})
      EXPECT_TRUE(ticket->FindGlyphNoFallback(c)) << int(c);
    // Only what the ticket needs at that size (STACK_NOTES: the atlas stays small).
    EXPECT_FALSE(ticket->FindGlyphNoFallback(ImWchar(u'期')));
    EXPECT_LE(ticket->Glyphs.Size, 20);
    EXPECT_LE(fonts.atlas_w() * fonts.atlas_h(), 2048 * 1024);
    // The next frame, or the next ticket number: nothing new to bake.
    EXPECT_FALSE(fonts.need(slip, 48, 72));
    slip[2].text = "预约号：A013";
    EXPECT_FALSE(fonts.need(slip, 48, 72));
    // 2× text: the ticket grows (capped at 3× the reference body), baked again at that size.
    slip[2].size = 144;
    EXPECT_TRUE(fonts.need(slip, 96, 108));
    ASSERT_TRUE(fonts.build_atlas(16384, &err)) << err;
    EXPECT_FLOAT_EQ(fonts.font(FontFace::title, 144)->FontSize, 144);
  }
  ImGui::DestroyContext();
}

// The first atlas of a process is cached on disk (font_atlas.h set_cache_dir): read back, it is
// the atlas ImGui's builder makes, bit for bit; a damaged, truncated or stale file is never used
// but rebuilt and replaced.
namespace {
struct AtlasSnapshot {
  std::vector<unsigned char> pixels;
  int w = 0, h = 0;
  ImVec2 white;
  std::vector<float> lines, glyphs, metrics;
};

// Builds the home screen's atlas in a fresh ImGui context (cache_dir "" = no cache).
AtlasSnapshot build(const std::string& cache_dir, float body, bool* from_cache) {
  install_imgui_allocator();
  ImGui::CreateContext();
  AtlasSnapshot s;
  {
    FontSystem fonts;
    fonts.set_cache_dir(cache_dir);
    std::string err;
    EXPECT_TRUE(fonts.open(&err)) << err;
    std::vector<DrawCmd> home = {text("同行 自助服务 预约办事 我的预约 补贴查询 就业岗位", body, FontFace::body),
                                 text("欢迎使用", body * 1.5f, FontFace::title)};
    EXPECT_TRUE(fonts.need(home, body, body * 1.5f));
    EXPECT_TRUE(fonts.build_atlas(16384, &err)) << err;
    *from_cache = fonts.atlas_from_cache();
    ImFontAtlas* a = ImGui::GetIO().Fonts;
    unsigned char* px = nullptr;
    a->GetTexDataAsAlpha8(&px, &s.w, &s.h);
    s.pixels.assign(px, px + size_t(s.w) * s.h);
    s.white = a->TexUvWhitePixel;
    for (const ImVec4& l : a->TexUvLines) s.lines.insert(s.lines.end(), {l.x, l.y, l.z, l.w});
    for (const ImFont* f : a->Fonts) {
      s.metrics.insert(s.metrics.end(), {f->FontSize, f->Ascent, f->Descent, f->FallbackAdvanceX,
                                         float(f->FallbackChar), float(f->IndexAdvanceX.Size)});
      for (const ImFontGlyph& g : f->Glyphs)
        s.glyphs.insert(s.glyphs.end(), {float(g.Codepoint), float(g.Visible), g.AdvanceX, g.X0, g.Y0, g.X1, g.Y1,
                                         g.U0, g.V0, g.U1, g.V1});
      // What drawing text reads: every glyph found by its code point.
      EXPECT_TRUE(f->FindGlyphNoFallback(ImWchar(u'A')));
    }
  }
  ImGui::DestroyContext();
  return s;
}

void expect_same(const AtlasSnapshot& a, const AtlasSnapshot& b) {
  EXPECT_EQ(a.w, b.w);
  EXPECT_EQ(a.h, b.h);
  EXPECT_TRUE(a.pixels == b.pixels) << "atlas pixels differ";
  EXPECT_EQ(a.white.x, b.white.x);
  EXPECT_EQ(a.white.y, b.white.y);
  EXPECT_EQ(a.lines, b.lines);
  EXPECT_EQ(a.metrics, b.metrics);
  EXPECT_EQ(a.glyphs, b.glyphs);
}

std::vector<std::filesystem::path> cache_files(const std::string& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) out.push_back(e.path());
  return out;
}
}  // namespace

TEST(FontAtlasCache, ReadBackIsTheBuiltAtlasAndBadFilesAreRebuilt) {
  char tmpl[] = "/tmp/tongxing-atlas-XXXXXX";
  ASSERT_TRUE(mkdtemp(tmpl));
  const std::string dir = std::string(tmpl) + "/cache";  // created on first write
  bool cached = true;
  AtlasSnapshot fresh = build("", 48, &cached);  // no cache at all
  EXPECT_FALSE(cached);
  AtlasSnapshot first = build(dir, 48, &cached);  // miss: built, then stored
  EXPECT_FALSE(cached);
  expect_same(fresh, first);
  ASSERT_EQ(cache_files(dir).size(), 1u);
  AtlasSnapshot again = build(dir, 48, &cached);  // hit
  EXPECT_TRUE(cached);
  expect_same(fresh, again);

  const std::filesystem::path file = cache_files(dir)[0];
  const auto size = std::filesystem::file_size(file);
  auto damage = [&](std::streamoff at) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(at);
    char c = 0;
    f.get(c);
    f.seekp(at);
    f.put(char(c ^ 0x20));
  };
  // One flipped bit in the pixels: the checksum refuses it, the atlas is rebuilt and the file
  // replaced by a good one.
  damage(std::streamoff(size) - 1000);
  expect_same(fresh, build(dir, 48, &cached));
  EXPECT_FALSE(cached);
  expect_same(fresh, build(dir, 48, &cached));
  EXPECT_TRUE(cached);
  // Cut short (a write that died half-way leaves no such file, but a disk can).
  std::filesystem::resize_file(file, size / 2);
  expect_same(fresh, build(dir, 48, &cached));
  EXPECT_FALSE(cached);
  // Another file under this one's name (its key inside differs): stale, rebuilt.
  std::filesystem::path other;
  build(dir, 56, &cached);  // another size: another key, another file
  EXPECT_FALSE(cached);
  for (const auto& p : cache_files(dir))
    if (p != file) other = p;
  ASSERT_FALSE(other.empty());
  std::filesystem::copy_file(other, file, std::filesystem::copy_options::overwrite_existing);
  expect_same(fresh, build(dir, 48, &cached));
  EXPECT_FALSE(cached);
  // At most kAtlasCacheFiles atlases are kept.
  for (float px : {40.f, 44.f, 52.f, 60.f, 64.f}) build(dir, px, &cached);
  EXPECT_LE(cache_files(dir).size(), FontSystem::kAtlasCacheFiles);
  std::filesystem::remove_all(tmpl);
}
