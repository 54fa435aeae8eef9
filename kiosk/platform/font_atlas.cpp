#include "platform/font_atlas.h"

#include <algorithm>
#include <cmath>

#include <fcntl.h>
#include <imgui.h>
#include <imgui_internal.h>
#include "platform/big_alloc.h"
#include "platform/renderer.h"
#include <stb_truetype.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <cstdlib>
#include <string_view>

namespace tx {

// ImGui 1.86 copies font data it does not own (two 19 MB copies of the collections, at every
// atlas rebuild). Instead the atlas is told it owns our read-only mappings, and ImGui's free
// function leaves those alone.
namespace {
const void* g_font_maps[2] = {nullptr, nullptr};
// Big buffers (the atlas's pixels) may come from huge pages inside a BigPagesScope.
void* imgui_alloc(size_t n, void*) { return big_malloc(n); }
void imgui_free(void* p, void*) {
  if (p && (p == g_font_maps[0] || p == g_font_maps[1])) return;
  big_free(p);
}
}  // namespace

void install_imgui_allocator() { ImGui::SetAllocatorFunctions(imgui_alloc, imgui_free, nullptr); }

FontSystem::~FontSystem() {
  for (Face* f : {&regular_, &bold_}) {
    delete static_cast<stbtt_fontinfo*>(f->info);
    if (f->map) munmap(f->map, f->size);
  }
}

bool FontSystem::map_face(const char* path, Face* f, std::string* error) {
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = std::string("font missing: ") + path + " (install fonts-noto-cjk)";
    return false;
  }
  struct stat st;
  fstat(fd, &st);
  f->size = size_t(st.st_size);
  // Mapped, not read: only the tables and glyphs actually used cost memory (PSS budget).
  f->map = mmap(nullptr, f->size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (f->map == MAP_FAILED) {
    f->map = nullptr;
    *error = std::string("cannot map ") + path;
    return false;
  }
  // Glyphs are read scattered over the 19 MB collection: without this, read-ahead and
  // fault-around map in nearly the whole file for a few hundred glyphs.
  madvise(f->map, f->size, MADV_RANDOM);
  auto* data = static_cast<const unsigned char*>(f->map);
  f->offset = stbtt_GetFontOffsetForIndex(data, kFontFaceSC);
  auto* info = new stbtt_fontinfo;
  if (f->offset < 0 || !stbtt_InitFont(info, data, f->offset)) {
    delete info;
    *error = std::string(path) + ": no face index 2 (Simplified Chinese)";
    return false;
  }
  f->info = info;
  return true;
}

bool FontSystem::open(std::string* error) {
  if (!map_face(kFontRegular, &regular_, error) || !map_face(kFontBold, &bold_, error)) return false;
  g_font_maps[0] = regular_.map;
  g_font_maps[1] = bold_.map;
  return true;
}

float FontSystem::advance(const Face& f, char32_t c) const {
  auto it = f.adv.find(c);
  if (it != f.adv.end()) return float(it->second);
  int adv = 0, lsb = 0;
  auto* info = static_cast<stbtt_fontinfo*>(f.info);
  int g = stbtt_FindGlyphIndex(info, int(c));
  if (g == 0) g = stbtt_FindGlyphIndex(info, '?');
  stbtt_GetGlyphHMetrics(info, g, &adv, &lsb);
  f.adv[c] = adv;
  return float(adv);
}

float FontSystem::width(std::string_view text, float px, FontFace face) const {
  const Face& f = face == FontFace::title ? bold_ : regular_;
  float scale = stbtt_ScaleForPixelHeight(static_cast<stbtt_fontinfo*>(f.info), px);
  float w = 0;
  // As ImGui lays the glyphs out: PixelSnapH rounds every advance to whole pixels (a 72 px CJK
  // glyph measures 49.72 and is drawn 50 wide).
  for (size_t i = 0; i < text.size();) w += std::floor(advance(f, next_codepoint(text, &i)) * scale + 0.5f);
  return w;
}

bool FontSystem::need(const std::vector<DrawCmd>& draw, float body_px, float title_px) {
  float ticket = 0;
  for (const auto& d : draw) {
    if (d.kind != DrawCmd::k_text) continue;
    // The ticket number (the only text above titles' size): its few characters at its own size.
    bool big = d.face == FontFace::title && d.size > title_px * kTicketOver;
    if (big) ticket = std::max(ticket, d.size);
    auto& set = big ? ticket_set_ : d.face == FontFace::title ? title_set_ : body_set_;
    for (size_t i = 0; i < d.text.size();) {
      char32_t c = next_codepoint(d.text, &i);
      if (big && c >= U'0' && c <= U'9') continue;  // always in the ticket face
      if (c >= 0x20 && c <= 0xFFFF && !set.count(c)) {
        set.insert(c);
        dirty_ = true;
      }
    }
  }
  if (body_px != body_px_ || title_px != title_px_) {
    want_body_ = body_px;
    want_title_ = title_px;
    dirty_ = true;
  }
  // A new ticket size is baked once; a screen without a ticket keeps the last one (no rebuild
  // on every screen change).
  if (ticket > 0 && std::fabs(ticket - ticket_px_) > 0.5f) {
    want_ticket_ = ticket;
    dirty_ = true;
  }
  return dirty_;
}

bool FontSystem::rebuild(int max_tex, std::string* error) {
  if (!build_atlas(max_tex, error)) return false;
  ImGuiIO& io = ImGui::GetIO();
  if (!upload_font_texture()) {
    *error = "font texture upload failed";
    return false;
  }
  io.Fonts->ClearTexData();  // the GPU copy is enough (STACK_NOTES: saves ~35 MB)
  // The outlines are not needed until the next rebuild: give their pages back (the file stays
  // mapped; measuring touches only the small cmap/hmtx tables again).
  for (Face* f : {&regular_, &bold_}) madvise(f->map, f->size, MADV_DONTNEED);
  return true;
}

bool FontSystem::build_atlas(int max_tex, std::string* error) {
  BigPagesScope big;  // the atlas's pixels (big_alloc.h)
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  io.Fonts->TexDesiredWidth = 2048;
  static ImVector<ImWchar> ranges_body, ranges_title;  // must outlive the atlas build
  auto ranges = [](const std::set<char32_t>& set, ImVector<ImWchar>* out) {
    ImFontGlyphRangesBuilder b;
    for (char32_t c = 0x20; c < 0x7F; ++c) b.AddChar(ImWchar(c));
    b.AddChar(0xFFFD);
    for (char32_t c : set) b.AddChar(ImWchar(c));
    out->clear();
    b.BuildRanges(out);
  };
  static ImVector<ImWchar> ranges_ticket;
  ranges(body_set_, &ranges_body);
  ranges(title_set_, &ranges_title);
  {
    // The digits always (the next ticket number needs no rebuild), then what the ticket line
    // uses ("预约号：A" …): about 16 glyphs, 120 px at 1× (≤ 229 px on 4K at 2×).
    ImFontGlyphRangesBuilder b;
    for (char32_t c : std::u32string_view(U"0123456789")) b.AddChar(ImWchar(c));
    for (char32_t c : ticket_set_) b.AddChar(ImWchar(c));
    ranges_ticket.clear();
    b.BuildRanges(&ranges_ticket);
  }
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = true;  // no copy; imgui_free() above never frees our mappings
  cfg.FontNo = kFontFaceSC;
  cfg.OversampleH = 1;  // ≥ 48 px CJK needs no sub-pixel oversampling; 3× would triple the atlas
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  cfg.GlyphRanges = ranges_body.Data;
  body_ = io.Fonts->AddFontFromMemoryTTF(regular_.map, int(regular_.size), want_body_, &cfg);
  cfg.GlyphRanges = ranges_title.Data;
  title_ = io.Fonts->AddFontFromMemoryTTF(bold_.map, int(bold_.size), want_title_, &cfg);
  ticket_ = nullptr;
  if (want_ticket_ > 0) {
    cfg.GlyphRanges = ranges_ticket.Data;
    ticket_ = io.Fonts->AddFontFromMemoryTTF(bold_.map, int(bold_.size), want_ticket_, &cfg);
  }
  if (!body_ || !title_ || (want_ticket_ > 0 && !ticket_)) {
    *error = "font atlas build failed";
    return false;
  }
  // The process's first atlas (the home screen's) from the disk cache when it was built before
  // with the same fonts, sizes, glyphs and ImGui; else rasterised, and then stored.
  std::string key;
  bool from_cache = false;
  if (!cache_dir_.empty() && !cache_tried_) {
    key = atlas_cache_key({&ranges_body, &ranges_title, &ranges_ticket});
    from_cache = load_atlas_cache(key);
  }
  if (!from_cache && !io.Fonts->Build()) {
    *error = "font atlas build failed";
    return false;
  }
  if (!key.empty() && !from_cache) save_atlas_cache(key);
  cache_tried_ = true;
  from_cache_ = from_cache;
  atlas_w_ = io.Fonts->TexWidth;
  atlas_h_ = io.Fonts->TexHeight;
  if (atlas_w_ > max_tex || atlas_h_ > max_tex) {
    *error = "font atlas " + std::to_string(atlas_w_) + "x" + std::to_string(atlas_h_) +
             " exceeds GL_MAX_TEXTURE_SIZE " + std::to_string(max_tex) + " (" +
             std::to_string(glyph_count()) + " glyphs)";
    return false;
  }
  body_px_ = want_body_;
  title_px_ = want_title_;
  ticket_px_ = want_ticket_;
  dirty_ = false;
  return true;
}


// ---------------------------------------------------------------- atlas cache
// File (native byte order; written whole to a temporary name, then renamed):
//   "TXATLAS1" | u32 key length | key | i32 width, height | u32 custom rects, each X, Y, W, H
//   (u16) | u32 fonts, each f32 size, ascent, descent, u32 glyphs, each u32 codepoint + f32
//   advance, x0, y0, x1, y1, u0, v0, u1, v1 | width × height alpha bytes | u64 FNV-1a of all before.
// The key names ImGui's version, each font file (path, size, mtime), the packer's settings and
// every font's size and glyph ranges: any change is a different key, and the file is rebuilt.
namespace {
constexpr char kAtlasMagic[8] = {'T', 'X', 'A', 'T', 'L', 'A', 'S', '1'};

// FNV-1a over 8-byte words (then the tail bytes): a checksum against a torn or damaged file.
uint64_t fnv1a(const char* p, size_t n) {
  uint64_t h = 1469598103934665603ull;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = (h ^ w) * 1099511628211ull;
  }
  for (; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 1099511628211ull;
  return h;
}
template <class T>
void put(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}
struct Reader {
  std::string_view s;
  size_t at = 0;
  bool ok = true;
  template <class T>
  T get() {
    T v{};
    if (at + sizeof v > s.size()) {
      ok = false;
      return v;
    }
    std::memcpy(&v, s.data() + at, sizeof v);
    at += sizeof v;
    return v;
  }
};
}  // namespace

std::string FontSystem::atlas_cache_key(std::initializer_list<const ImVector<ImWchar>*> ranges) const {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  std::string key = "imgui " + std::to_string(IMGUI_VERSION_NUM) + " sizeof(ImWchar) " + std::to_string(sizeof(ImWchar));
  for (const char* path : {kFontRegular, kFontBold}) {
    struct stat st{};
    if (::stat(path, &st) != 0) return "";
    key += std::string("|") + path + " " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." +
           std::to_string(st.st_mtim.tv_nsec);
  }
  key += "|face " + std::to_string(kFontFaceSC) + " width " + std::to_string(atlas->TexDesiredWidth) + " pad " +
         std::to_string(atlas->TexGlyphPadding) + " flags " + std::to_string(atlas->Flags);
  for (const ImFontConfig& c : atlas->ConfigData) {
    char b[160];
    std::snprintf(b, sizeof b, "|font %.3f no %d over %dx%d snap %d mul %.3f", c.SizePixels, c.FontNo, c.OversampleH,
                  c.OversampleV, int(c.PixelSnapH), c.RasterizerMultiply);
    key += b;
    std::snprintf(b, sizeof b, " off %.3f,%.3f extra %.3f,%.3f adv %.3f..%g", c.GlyphOffset.x, c.GlyphOffset.y,
                  c.GlyphExtraSpacing.x, c.GlyphExtraSpacing.y, c.GlyphMinAdvanceX, c.GlyphMaxAdvanceX);
    key += b;
  }
  for (const auto* r : ranges) {
    key += "|ranges";
    for (ImWchar c : *r) key += " " + std::to_string(unsigned(c));
  }
  return key;
}

std::string FontSystem::cache_file(const std::string& key) const {
  char b[32];
  std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(fnv1a(key.data(), key.size())));
  return cache_dir_ + "/font-atlas-" + b + ".bin";
}

bool FontSystem::load_atlas_cache(const std::string& key) {
  if (key.empty()) return false;
  // Mapped, not read: the pixels are copied once, straight into ImGui's buffer.
  int fd = ::open(cache_file(key).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st{};
  void* map = MAP_FAILED;
  if (fstat(fd, &st) == 0 && st.st_size > 16 && st.st_size < (64 << 20))
    map = mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return false;
  struct Unmap {
    void* p;
    size_t n;
    ~Unmap() { munmap(p, n); }
  } unmap{map, size_t(st.st_size)};
  std::string_view data(static_cast<const char*>(map), size_t(st.st_size));
  // Never trusted: magic, checksum, key, and every size checked before anything is used.
  if (data.size() < sizeof kAtlasMagic + 8 || data.compare(0, 8, std::string_view(kAtlasMagic, 8)) != 0) return false;
  uint64_t sum = 0;
  std::memcpy(&sum, data.data() + data.size() - 8, 8);
  if (fnv1a(data.data(), data.size() - 8) != sum) return false;
  Reader r{data, 8};
  uint32_t klen = r.get<uint32_t>();
  if (!r.ok || klen != key.size() || r.at + klen > data.size() || data.compare(r.at, klen, key) != 0) return false;
  r.at += klen;
  int w = r.get<int32_t>(), h = r.get<int32_t>();
  if (!r.ok || w <= 0 || h <= 0 || w > 16384 || h > 16384) return false;

  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  ImFontAtlasBuildInit(atlas);  // the white pixel's and the baked lines' rectangles, as Build() adds them
  uint32_t nrects = r.get<uint32_t>();
  if (!r.ok || nrects != uint32_t(atlas->CustomRects.Size)) return false;
  std::vector<ImFontAtlasCustomRect> rects(atlas->CustomRects.begin(), atlas->CustomRects.end());
  for (auto& rc : rects) {
    rc.X = r.get<uint16_t>(), rc.Y = r.get<uint16_t>();
    uint16_t rw = r.get<uint16_t>(), rh = r.get<uint16_t>();
    if (!r.ok || rw != rc.Width || rh != rc.Height || rc.X + rw > w || rc.Y + rh > h) return false;
  }
  uint32_t nfonts = r.get<uint32_t>();
  if (!r.ok || nfonts != uint32_t(atlas->Fonts.Size) || atlas->ConfigData.Size != atlas->Fonts.Size) return false;
  struct G {
    uint32_t c;
    float f[9];
  };
  struct F {
    float size, ascent, descent;
    std::vector<G> glyphs;
  };
  std::vector<F> fonts(nfonts);
  for (auto& f : fonts) {
    f.size = r.get<float>(), f.ascent = r.get<float>(), f.descent = r.get<float>();
    uint32_t n = r.get<uint32_t>();
    if (!r.ok || n > 0x10000) return false;
    f.glyphs.resize(n);
    for (auto& g : f.glyphs) {
      g.c = r.get<uint32_t>();
      for (float& v : g.f) v = r.get<float>();
    }
  }
  if (!r.ok || r.at + size_t(w) * size_t(h) + 8 != data.size()) return false;
  for (uint32_t i = 0; i < nfonts; ++i)
    if (fonts[i].size != atlas->ConfigData[int(i)].SizePixels) return false;

  // Valid: hand ImGui the atlas as its builder leaves it.
  for (size_t i = 0; i < rects.size(); ++i) atlas->CustomRects[int(i)] = rects[i];
  atlas->TexWidth = w;
  atlas->TexHeight = h;
  atlas->TexUvScale = ImVec2(1.0f / float(w), 1.0f / float(h));
  atlas->TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(size_t(w) * size_t(h)));
  std::memcpy(atlas->TexPixelsAlpha8, data.data() + r.at, size_t(w) * size_t(h));
  for (uint32_t i = 0; i < nfonts; ++i) {
    ImFont* font = atlas->Fonts[int(i)];
    ImFontAtlasBuildSetupFont(atlas, font, &atlas->ConfigData[int(i)], fonts[i].ascent, fonts[i].descent);
    for (const G& g : fonts[i].glyphs)
      font->AddGlyph(nullptr, ImWchar(g.c), g.f[1], g.f[2], g.f[3], g.f[4], g.f[5], g.f[6], g.f[7], g.f[8], g.f[0]);
  }
  ImFontAtlasBuildFinish(atlas);  // white pixel, baked lines, lookup tables, fallback glyphs
  return true;
}

void FontSystem::save_atlas_cache(const std::string& key) const {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  if (!atlas->TexPixelsAlpha8) return;
  std::string out(kAtlasMagic, 8);
  put(&out, uint32_t(key.size()));
  out += key;
  put(&out, int32_t(atlas->TexWidth));
  put(&out, int32_t(atlas->TexHeight));
  put(&out, uint32_t(atlas->CustomRects.Size));
  for (const auto& rc : atlas->CustomRects) {
    put(&out, uint16_t(rc.X));
    put(&out, uint16_t(rc.Y));
    put(&out, uint16_t(rc.Width));
    put(&out, uint16_t(rc.Height));
  }
  put(&out, uint32_t(atlas->Fonts.Size));
  for (const ImFont* f : atlas->Fonts) {
    put(&out, f->FontSize);
    put(&out, f->Ascent);
    put(&out, f->Descent);
    put(&out, uint32_t(f->Glyphs.Size));
    for (const ImFontGlyph& g : f->Glyphs) {
      put(&out, uint32_t(g.Codepoint));
      for (float v : {g.AdvanceX, g.X0, g.Y0, g.X1, g.Y1, g.U0, g.V0, g.U1, g.V1}) put(&out, v);
    }
  }
  out.append(reinterpret_cast<const char*>(atlas->TexPixelsAlpha8), size_t(atlas->TexWidth) * size_t(atlas->TexHeight));
  put(&out, fnv1a(out.data(), out.size()));
  // A cache that cannot be written costs the next start some milliseconds, nothing else.
  std::error_code ec;
  std::filesystem::create_directories(cache_dir_, ec);
  prune_atlas_cache();
  std::string tmp = cache_file(key) + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return;
  size_t put_n = 0;
  while (put_n < out.size()) {
    ssize_t n = ::write(fd, out.data() + put_n, out.size() - put_n);
    if (n <= 0) break;
    put_n += size_t(n);
  }
  bool ok = put_n == out.size() && ::close(fd) == 0;
  if (!ok || std::rename(tmp.c_str(), cache_file(key).c_str()) != 0) ::unlink(tmp.c_str());
}

// The first frame's glyphs differ with what has arrived by then (the station's name, today's
// date), so a few atlases are kept, one file per key; the oldest beyond kAtlasCacheFiles go.
void FontSystem::prune_atlas_cache() const {
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(cache_dir_, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind("font-atlas-", 0) == 0) files.push_back({e.last_write_time(ec), e.path()});
  }
  if (files.size() < kAtlasCacheFiles) return;
  std::sort(files.begin(), files.end());
  for (size_t i = 0; i + kAtlasCacheFiles <= files.size(); ++i) std::filesystem::remove(files[i].second, ec);
}

std::string default_cache_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg == '/') return std::string(xdg) + "/tongxing-kiosk";
  const char* home = std::getenv("HOME");
  if (home && *home == '/') return std::string(home) + "/.cache/tongxing-kiosk";
  return "";
}

}  // namespace tx
