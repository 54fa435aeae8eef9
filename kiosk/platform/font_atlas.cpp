#include "platform/font_atlas.h"

#include <algorithm>
#include <cmath>

#include <fcntl.h>
#include <imgui.h>
#include "platform/big_alloc.h"
#include "platform/renderer.h"
#include <stb_truetype.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
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
  if (!body_ || !title_ || (want_ticket_ > 0 && !ticket_) || !io.Fonts->Build()) {
    *error = "font atlas build failed";
    return false;
  }
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

}  // namespace tx
