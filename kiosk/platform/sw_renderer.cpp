#include "platform/sw_renderer.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <imgui_impl_sdlrenderer.h>

#include "platform/big_alloc.h"

namespace tx {

namespace {
// Edge a→b of a triangle whose signed area is positive: E(p) = A·px + B·py + C is ≥ 0 inside.
struct Edge {
  float A, B, C;
  bool tie;  // a pixel centre exactly on the edge belongs to this triangle (exactly one of two
             // triangles sharing the edge takes it: its coefficients flip sign in the other)
  Edge(const FillVert& a, const FillVert& b)
      : A(a.y - b.y), B(b.x - a.x), C(a.x * b.y - a.y * b.x), tie(A > 0 || (A == 0 && B > 0)) {}
  float at(float px, float py) const { return A * px + B * py + C; }
  bool in(float e) const { return e > 0 || (e == 0 && tie); }
};

inline uint8_t chan(uint32_t c, int i) { return uint8_t(c >> (8 * i)); }
}  // namespace

// One untextured triangle into a 32-bit surface, sampled at pixel centres as OpenGL does and
// blended as SDL_BLENDMODE_BLEND (source alpha over). Only the pixels of each row's span are
// visited, not the triangle's bounding box: ImGui fills a rounded card as a fan of thin
// triangles that all span the card, each with a bounding box of nearly the whole card.
void fill_triangle(SDL_Surface* s, const SDL_Rect& clip, FillVert v0, FillVert v1, FillVert v2) {
  float area = (v1.x - v0.x) * (v2.y - v0.y) - (v1.y - v0.y) * (v2.x - v0.x);
  if (!(std::fabs(area) > 1e-6f)) return;
  if (area < 0) {
    std::swap(v1, v2);
    area = -area;
  }
  const Edge e12(v1, v2), e20(v2, v0), e01(v0, v1);  // weights of v0, v1, v2
  const bool flat = v0.col == v1.col && v1.col == v2.col;
  const SDL_PixelFormat* f = s->format;
  const uint32_t flat_c[3] = {chan(v0.col, 0), chan(v0.col, 1), chan(v0.col, 2)};
  const uint32_t flat_a = chan(v0.col, 3);
  const uint32_t flat_px = (flat_c[0] << f->Rshift) | (flat_c[1] << f->Gshift) | (flat_c[2] << f->Bshift) | f->Amask;
  int ymin = std::max(clip.y, int(std::floor(std::min({v0.y, v1.y, v2.y}) - 0.5f)));
  int ymax = std::min(clip.y + clip.h - 1, int(std::ceil(std::max({v0.y, v1.y, v2.y}) - 0.5f)));
  int xmin = std::max(clip.x, int(std::floor(std::min({v0.x, v1.x, v2.x}) - 0.5f)));
  int xmax = std::min(clip.x + clip.w - 1, int(std::ceil(std::max({v0.x, v1.x, v2.x}) - 0.5f)));
  for (int y = ymin; y <= ymax; ++y) {
    const float py = y + 0.5f;
    // Where the row is inside each edge (a pixel of slack each side; the exact test decides).
    float lo = float(xmin), hi = float(xmax);
    for (const Edge* e : {&e12, &e20, &e01}) {
      float k = e->B * py + e->C;
      if (e->A > 0) lo = std::max(lo, std::floor(-k / e->A - 0.5f) - 1);
      else if (e->A < 0) hi = std::min(hi, std::ceil(-k / e->A - 0.5f) + 1);
      else if (k < 0) hi = lo - 1;  // a horizontal edge this row is outside of
    }
    // (a nearly horizontal edge gives ±huge or inf bounds: never converted to int unless within
    // the clipped bounding box)
    if (!(lo <= hi)) continue;
    auto* row = reinterpret_cast<uint32_t*>(static_cast<uint8_t*>(s->pixels) + size_t(y) * s->pitch);
    auto inside = [&](int x) {
      const float px = x + 0.5f;
      return e12.in(e12.at(px, py)) && e20.in(e20.at(px, py)) && e01.in(e01.at(px, py));
    };
    if (flat) {
      // One colour: the row's pixels inside form one run (the triangle is convex); find its ends
      // with the exact test and fill or blend it whole.
      int x0 = int(lo), x1 = int(hi);
      while (x0 <= x1 && !inside(x0)) ++x0;
      while (x1 >= x0 && !inside(x1)) --x1;
      if (x0 > x1 || flat_a == 0) continue;
      if (flat_a == 255) {
        std::fill(row + x0, row + x1 + 1, flat_px);
        continue;
      }
      for (int x = x0; x <= x1; ++x) {
        uint32_t d = row[x], out = d & ~(f->Rmask | f->Gmask | f->Bmask);
        for (int i = 0; i < 3; ++i) {
          uint32_t m = i == 0 ? f->Rmask : i == 1 ? f->Gmask : f->Bmask;
          uint32_t sh = i == 0 ? f->Rshift : i == 1 ? f->Gshift : f->Bshift;
          out |= ((flat_c[i] * flat_a + ((d & m) >> sh) * (255 - flat_a) + 127) / 255) << sh;
        }
        row[x] = out;
      }
      continue;
    }
    for (int x = int(lo); x <= int(hi); ++x) {
      const float px = x + 0.5f;
      float w0 = e12.at(px, py), w1 = e20.at(px, py), w2 = e01.at(px, py);
      if (!e12.in(w0) || !e20.in(w1) || !e01.in(w2)) continue;
      float c[4];
      for (int i = 0; i < 4; ++i)
        c[i] = flat ? chan(v0.col, i)
                    : (w0 * chan(v0.col, i) + w1 * chan(v1.col, i) + w2 * chan(v2.col, i)) / area;
      uint32_t a = uint32_t(std::lround(std::clamp(c[3], 0.f, 255.f)));
      if (a == 0) continue;
      uint32_t d = row[x];
      uint32_t dc[3] = {(d & f->Rmask) >> f->Rshift, (d & f->Gmask) >> f->Gshift, (d & f->Bmask) >> f->Bshift};
      uint32_t out = d & ~(f->Rmask | f->Gmask | f->Bmask);
      const uint32_t shift[3] = {f->Rshift, f->Gshift, f->Bshift};
      for (int i = 0; i < 3; ++i) {
        uint32_t sc = uint32_t(std::lround(std::clamp(c[i], 0.f, 255.f)));
        uint32_t v = a == 255 ? sc : (sc * a + dc[i] * (255 - a) + 127) / 255;
        out |= v << shift[i];
      }
      row[x] = out;
    }
  }
}

SoftwareBackend::~SoftwareBackend() {
  if (backend_) ImGui_ImplSDLRenderer_Shutdown();
  if (sdl_) SDL_DestroyRenderer(sdl_);
}

bool SoftwareBackend::init(SDL_Window* window, std::string* error) {
  // Without this SDL may present the window surface through an OpenGL texture (its "texture
  // framebuffer"), which would load Mesa after all; the plain surface is what we want where the
  // video driver has one (x11: XShm, offscreen, dummy). Wayland (cage) and kmsdrm have no
  // framebuffer interface in SDL 2.26 (SDL issue 7532): there the frame is still rasterised by
  // the CPU but shown through a GL texture, so Mesa is mapped after all (docs/kiosk.md "Renderer").
  const char* driver = SDL_GetCurrentVideoDriver();
  std::string d = driver ? driver : "";
  if (d == "x11" || d == "offscreen" || d == "dummy") SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  else SDL_Log("tongxing-kiosk: software renderer on %s: presented through an OpenGL texture", d.c_str());
  // Textures sampled between texels (a text size other than the atlas's) are filtered as GL's
  // GL_LINEAR does, not left jagged (STACK_NOTES.md).
  SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
  // The window surface (8 MB at 1920×1080) in huge pages (big_alloc.h), where SDL allocates and
  // frees it itself; X11 without MIT-SHM hands its buffer to Xlib, which frees it with free().
  std::optional<BigPagesScope> big;
  if (d != "x11") big.emplace();
  sdl_ = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
  big.reset();
  window_ = window;
  if (!sdl_) {
    *error = std::string("SDL software renderer: ") + SDL_GetError();
    return false;
  }
  if (!ImGui_ImplSDLRenderer_Init(sdl_)) {
    *error = "ImGui SDL_Renderer backend init failed";
    return false;
  }
  backend_ = true;
  // As the GL path: the tiny default atlas now, so NewFrame never rebuilds ours behind our back.
  if (!ImGui_ImplSDLRenderer_CreateDeviceObjects()) {
    *error = "ImGui SDL_Renderer backend: font texture failed";
    return false;
  }
  return true;
}

void SoftwareBackend::output_size(int* w, int* h) const { SDL_GetRendererOutputSize(sdl_, w, h); }

void SoftwareBackend::new_frame() { ImGui_ImplSDLRenderer_NewFrame(); }

void SoftwareBackend::render(unsigned char r, unsigned char g, unsigned char b) {
  SDL_SetRenderDrawColor(sdl_, r, g, b, 255);
  SDL_RenderClear(sdl_);
  // SDL 2.26's software geometry truncates vertex positions to whole pixels (SW_QueueGeometry
  // casts to int), which moves every anti-aliased edge up to a pixel up-left of where GL draws
  // it; half a pixel added first turns the truncation into rounding (1366×768 home screen:
  // pixels off by more than a quarter of the range 1.2 % → see docs/benchmarks.md).
  ImDrawData* dd = ImGui::GetDrawData();
  for (int i = 0; i < dd->CmdListsCount; ++i)
    for (ImDrawVert& vtx : dd->CmdLists[i]->VtxBuffer) {
      vtx.pos.x += 0.5f;
      vtx.pos.y += 0.5f;
    }
  draw_lists(dd);
}

// As ImGui_ImplSDLRenderer_RenderDrawData, with one difference: runs of triangles that sample only
// the atlas's white pixel (every fill, border, icon and anti-aliased fringe: all but text and
// ImGui's baked-line strokes) are filled straight into the window surface by fill_triangle above,
// after SDL has drawn what it queued before them; text stays with SDL's textured triangles. SDL
// 2.26 rasterises every triangle over its whole bounding box and samples and modulates a texel per
// pixel (SDL_SW_BlitTriangle): the fills were ~25 of the ~27 ms of the first frame's raster at
// 1920×1080, text ~1 ms (docs/benchmarks.md "Kiosk"). The order of triangles, and so the
// blending, is unchanged.
void SoftwareBackend::draw_lists(ImDrawData* dd) {
  int fb_w = int(dd->DisplaySize.x), fb_h = int(dd->DisplaySize.y);
  if (fb_w <= 0 || fb_h <= 0) return;
  auto* tex = static_cast<SDL_Texture*>(ImGui::GetIO().Fonts->TexID);
  const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
  SDL_SetRenderDrawBlendMode(sdl_, SDL_BLENDMODE_BLEND);  // untextured geometry blends as the textured
  // Untextured runs are filled straight into the window surface SDL renders to (32-bit formats;
  // anything else goes through SDL's own triangle filler).
  SDL_Surface* surface = window_ ? SDL_GetWindowSurface(window_) : nullptr;
  if (surface && surface->format->BytesPerPixel != 4) surface = nullptr;
  SDL_RenderSetViewport(sdl_, nullptr);
  for (int n = 0; n < dd->CmdListsCount; ++n) {
    const ImDrawList* list = dd->CmdLists[n];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) continue;  // the kiosk adds none
      float x0 = std::max(0.f, cmd.ClipRect.x - dd->DisplayPos.x);
      float y0 = std::max(0.f, cmd.ClipRect.y - dd->DisplayPos.y);
      float x1 = std::min(float(fb_w), cmd.ClipRect.z - dd->DisplayPos.x);
      float y1 = std::min(float(fb_h), cmd.ClipRect.w - dd->DisplayPos.y);
      if (x1 <= x0 || y1 <= y0) continue;
      SDL_Rect clip{int(x0), int(y0), int(x1 - x0), int(y1 - y0)};
      SDL_RenderSetClipRect(sdl_, &clip);
      const ImDrawVert* vb = list->VtxBuffer.Data + cmd.VtxOffset;
      const ImDrawIdx* ib = list->IdxBuffer.Data + cmd.IdxOffset;
      const int nv = list->VtxBuffer.Size - int(cmd.VtxOffset);
      auto solid = [&](unsigned t) {
        for (unsigned k = t; k < t + 3; ++k)
          if (vb[ib[k]].uv.x != white.x || vb[ib[k]].uv.y != white.y) return false;
        return true;
      };
      const auto* xy = reinterpret_cast<const float*>(reinterpret_cast<const char*>(vb) + offsetof(ImDrawVert, pos));
      const auto* uv = reinterpret_cast<const float*>(reinterpret_cast<const char*>(vb) + offsetof(ImDrawVert, uv));
      const auto* col = reinterpret_cast<const SDL_Color*>(reinterpret_cast<const char*>(vb) + offsetof(ImDrawVert, col));
      for (unsigned i = 0; i + 2 < cmd.ElemCount;) {
        bool plain = solid(i);
        unsigned j = i + 3;
        while (j + 2 < cmd.ElemCount && solid(j) == plain) j += 3;
        if (plain && surface) {
          SDL_RenderFlush(sdl_);  // what SDL has queued (the clear, text) lands first
          if (SDL_MUSTLOCK(surface)) SDL_LockSurface(surface);
          // The vertices were moved half a pixel for SDL's truncating rasteriser (render()).
          auto fv = [&](unsigned k) {
            const ImDrawVert& v = vb[ib[k]];
            return FillVert{v.pos.x - 0.5f, v.pos.y - 0.5f, v.col};
          };
          for (unsigned t = i; t < j; t += 3) fill_triangle(surface, clip, fv(t), fv(t + 1), fv(t + 2));
          if (SDL_MUSTLOCK(surface)) SDL_UnlockSurface(surface);
        } else {
          SDL_RenderGeometryRaw(sdl_, plain ? nullptr : tex, xy, int(sizeof(ImDrawVert)), col, int(sizeof(ImDrawVert)),
                                uv, int(sizeof(ImDrawVert)), nv, ib + i, int(j - i), int(sizeof(ImDrawIdx)));
        }
        i = j;
      }
    }
  }
  SDL_RenderSetClipRect(sdl_, nullptr);
}

void SoftwareBackend::present() { SDL_RenderPresent(sdl_); }

bool SoftwareBackend::read_rgba(int w, int h, std::vector<unsigned char>* px, std::string* error) {
  px->resize(size_t(w) * h * 4);
  if (SDL_RenderReadPixels(sdl_, nullptr, SDL_PIXELFORMAT_RGBA32, px->data(), w * 4) != 0) {
    *error = std::string("SDL_RenderReadPixels: ") + SDL_GetError();
    return false;
  }
  return true;
}

bool SoftwareBackend::upload_fonts() {
  BigPagesScope big;  // the texture's surface and ImGui's RGBA copy (2 MB each at 1×)
  ImGui_ImplSDLRenderer_DestroyFontsTexture();
  return ImGui_ImplSDLRenderer_CreateFontsTexture();
}

}  // namespace tx
