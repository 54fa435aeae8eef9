// Noto Sans CJK SC (fonts-noto-cjk, face index 2) for the kiosk (STACK_NOTES.md "Chinese fonts").
// Glyphs are built only from the text actually drawn: the renderer hands every frame's draw
// commands to need(); when a character (a new job title) or the text size is new, the atlas is
// rebuilt between frames. Fails loudly when the atlas would not fit GL_MAX_TEXTURE_SIZE.
// Also the kiosk's TextMetrics: advance widths straight from the font (stb_truetype), so layout
// does not depend on what the atlas holds yet.
#pragma once
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/text.h"
#include "core/ui.h"


namespace tx {

inline constexpr const char* kFontRegular = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
inline constexpr const char* kFontBold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
inline constexpr int kFontFaceSC = 2;  // Simplified Chinese face in the collection

// $XDG_CACHE_HOME/tongxing-kiosk, else $HOME/.cache/tongxing-kiosk, else "" (no cache).
std::string default_cache_dir();

// Must run before ImGui::CreateContext (see font_atlas.cpp).
void install_imgui_allocator();

class FontSystem : public TextMetrics {
 public:
  ~FontSystem() override;
  // Maps both font files. false + *error when a file is missing or not a font collection.
  bool open(std::string* error);
  float width(std::string_view text, float px, FontFace face) const override;
  // Records the characters of every text command; true when the atlas must be rebuilt
  // (new characters, or other sizes than the loaded ones).
  bool need(const std::vector<DrawCmd>& draw, float body_px, float title_px);
  // Rebuilds the ImGui atlas (ImGui context and GL must exist). false + *error if it does not fit.
  bool rebuild(int max_texture_size, std::string* error);
  // The atlas alone (an ImGui context, no GL): rebuild's first half, for tests.
  bool build_atlas(int max_texture_size, std::string* error);
  // The font to draw `f` at `px`: text larger than titles (the slip's ticket number) has a face
  // of its own baked at its size, so it is drawn crisp instead of scaled up from the title's.
  ImFont* font(FontFace f, float px = 0) const {
    if (f == FontFace::title && ticket_ && px > title_px_ * kTicketOver) return ticket_;
    return f == FontFace::title ? title_ : body_;
  }
  float ticket_px() const { return ticket_px_; }
  int atlas_w() const { return atlas_w_; }
  int atlas_h() const { return atlas_h_; }
  size_t glyph_count() const { return body_set_.size() + title_set_.size() + ticket_set_.size(); }
  // Where the first atlas of the process is cached between starts ("" = no cache): the home
  // screen's glyphs are then read back instead of rasterised (docs/benchmarks.md "Kiosk").
  void set_cache_dir(std::string dir) { cache_dir_ = std::move(dir); }
  // Whether the last build_atlas came from the cache (tests, benchmark).
  bool atlas_from_cache() const { return from_cache_; }
  static constexpr float kTicketOver = 1.2f;  // bigger than this × title: the ticket face
  static constexpr size_t kAtlasCacheFiles = 4;  // atlases kept in the cache directory

 private:
  struct Face {
    void* map = nullptr;
    size_t size = 0;
    int offset = 0;
    void* info = nullptr;  // stbtt_fontinfo
    mutable std::map<char32_t, int> adv;
  };
  bool map_face(const char* path, Face* f, std::string* error);
  std::string atlas_cache_key(std::initializer_list<const ImVector<ImWchar>*> ranges) const;
  std::string cache_file(const std::string& key) const;
  void prune_atlas_cache() const;
  bool load_atlas_cache(const std::string& key);
  void save_atlas_cache(const std::string& key) const;
  std::string cache_dir_;
  bool cache_tried_ = false, from_cache_ = false;
  float advance(const Face& f, char32_t c) const;
  Face regular_, bold_;
  std::set<char32_t> body_set_, title_set_, ticket_set_;
  float body_px_ = 0, title_px_ = 0, want_body_ = 48, want_title_ = 72;
  float ticket_px_ = 0, want_ticket_ = 0;  // 0: no ticket on screen yet
  bool dirty_ = true;
  ImFont* body_ = nullptr;
  ImFont* title_ = nullptr;
  ImFont* ticket_ = nullptr;
  int atlas_w_ = 0, atlas_h_ = 0;
};

}  // namespace tx
