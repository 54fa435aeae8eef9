// The software renderer (`--renderer software`, docs/kiosk.md "Renderer"): Dear ImGui's
// SDL_Renderer backend (imgui_impl_sdlrenderer, compiled from the source Debian's libimgui-dev
// ships, since libimgui.a does not hold it) on SDL's own software renderer. It draws into the
// window's framebuffer surface with the CPU: no OpenGL context, so neither Mesa, llvmpipe nor
// libLLVM is mapped into the process (docs/benchmarks.md "Kiosk": PSS and first frame).
// Renderer (renderer.h) builds the same ImGui draw lists for both paths and hands them here.
#pragma once
#include <SDL.h>

#include <cstdint>
#include <string>
#include <vector>

struct ImDrawData;

namespace tx {

// One vertex of an untextured triangle: position in pixels, ImGui's packed RGBA (R lowest).
struct FillVert {
  float x, y;
  uint32_t col;
};
// Fills one triangle into a 32-bit surface within `clip`: pixel centres inside (OpenGL's rule,
// a top-left rule for centres on an edge), colours interpolated, source-alpha blended. The
// software path's fills, borders and icons (SoftwareBackend::draw_lists).
void fill_triangle(SDL_Surface* s, const SDL_Rect& clip, FillVert v0, FillVert v1, FillVert v2);

class SoftwareBackend {
 public:
  ~SoftwareBackend();
  // Creates the SDL software renderer on the window (which must not be an OpenGL window) and
  // the ImGui backend; the ImGui context must exist.
  bool init(SDL_Window* window, std::string* error);
  void output_size(int* w, int* h) const;
  // The software renderer has no texture limit of its own; the atlas is kept to the same bound
  // as llvmpipe's GL_MAX_TEXTURE_SIZE so that both paths accept the same glyph sets.
  int max_texture_size() const { return 16384; }
  void new_frame();
  // Clears and rasterises ImGui's draw data (after ImGui::Render()).
  void render(unsigned char r, unsigned char g, unsigned char b);
  void present();
  // The rendered frame as RGBA rows, top row first.
  bool read_rgba(int w, int h, std::vector<unsigned char>* px, std::string* error);
  bool upload_fonts();

 private:
  void draw_lists(ImDrawData* dd);
  SDL_Renderer* sdl_ = nullptr;
  SDL_Window* window_ = nullptr;
  bool backend_ = false;
};

}  // namespace tx
