#include "platform/sw_renderer.h"

#include <imgui.h>

#include <optional>
#include <imgui_impl_sdlrenderer.h>

#include "platform/big_alloc.h"

namespace tx {

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
  ImGui_ImplSDLRenderer_RenderDrawData(dd);
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
