# Toolchain for bare-metal Cortex-M builds with arm-none-eabi-gcc and newlib-nano.
#
#   cmake --preset cortex-m33   (LWM2M_CPU=cortex-m33, QEMU mps2-an505)
#   cmake --preset cortex-m4    (LWM2M_CPU=cortex-m4,  QEMU mps2-an386)
#
# Both CPUs get a hard-float ABI with their single-precision FPU: QEMU models
# the FPU on both boards, and the startup code (tests/qemu/startup.c) turns it
# on before any C code runs.

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
# The gcc-ar/gcc-ranlib wrappers index the LTO objects of static libraries.
set(CMAKE_AR arm-none-eabi-gcc-ar)
set(CMAKE_RANLIB arm-none-eabi-gcc-ranlib)
set(CMAKE_OBJCOPY arm-none-eabi-objcopy)
set(CMAKE_SIZE arm-none-eabi-size)

# Compiler checks cannot link a program without a board's startup and linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(LWM2M_CPU "cortex-m33" CACHE STRING "Cortex-M core to build for (cortex-m33 or cortex-m4)")
set_property(CACHE LWM2M_CPU PROPERTY STRINGS cortex-m33 cortex-m4)
# try_compile projects re-read this file; pass the CPU on to them.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES LWM2M_CPU)

if(LWM2M_CPU STREQUAL "cortex-m33")
  set(LWM2M_CPU_FLAGS "-mcpu=cortex-m33 -mthumb -mfloat-abi=hard -mfpu=fpv5-sp-d16")
  set(LWM2M_QEMU_MACHINE "mps2-an505")
elseif(LWM2M_CPU STREQUAL "cortex-m4")
  set(LWM2M_CPU_FLAGS "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
  set(LWM2M_QEMU_MACHINE "mps2-an386")
else()
  message(FATAL_ERROR "LWM2M_CPU must be cortex-m33 or cortex-m4, not '${LWM2M_CPU}'")
endif()

# -flto: the whole firmware is optimised at link time (inlining across the
# libraries, one copy of what several TUs instantiate). -ffat-lto-objects keeps
# machine code in the archives too, so tools/footprint.py can still size each
# library before the link.
set(LWM2M_COMMON_FLAGS "${LWM2M_CPU_FLAGS} -ffunction-sections -fdata-sections -flto -ffat-lto-objects --specs=nano.specs")
set(CMAKE_C_FLAGS_INIT "${LWM2M_COMMON_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${LWM2M_CPU_FLAGS}")
# -Wno-psabi: GCC notes a 2017 change in how some structs are passed; every
# object here is built by the same compiler, so the note is noise.
# LWM2M_DEFINITION_TEXT=0: the object definitions carry no resource names and
# units text on the MCU (lwm2m/model/definitions.h), about 4 KB of flash. It is
# here, not on a target, because it changes the layout of ResourceDef: every
# translation unit of the firmware must see the same value.
set(CMAKE_CXX_FLAGS_INIT
    "${LWM2M_COMMON_FLAGS} -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit -Wno-psabi -DLWM2M_DEFINITION_TEXT=0")
# The compile flags (CPU, nano.specs) also reach the link line; naming
# nano.specs twice is an error, so only the linker's own options go here.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,--gc-sections")

# The presets choose CMAKE_BUILD_TYPE=MinSizeRel, which CMake maps to -Os.

# Look for libraries and headers in the toolchain's sysroot only, programs on the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
