#!/usr/bin/python3
"""Flash and static RAM of the portable core on Cortex-M, as Markdown tables.

    tools/footprint.py                     # configure + build the cortex-m33 preset, then measure
    tools/footprint.py --no-build          # measure an existing build/cortex-m33
    tools/footprint.py --build-dir build/cortex-m4 --no-build

Tables and a check:
  1. each portable-core library (lwm2m_*, objects): text/data/bss summed over
     its archive members with arm-none-eabi-size. This is before --gc-sections,
     so it counts every function, used or not.
  2. two linked images (tests/qemu/minimal_image.cpp: every codec's entry
     points; tests/qemu/client_image.cpp: the whole core with the standard
     objects): flash and static RAM of each ELF, split by who contributed them
     (from the link map).
  3. which libc number conversions, printf and heap routines each image links:
     the core converts numbers itself, so the list should be empty.

flash = text + data (initial values), static RAM = data + bss. Heap and stack
are not static RAM and are not counted.
"""

import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZE = "arm-none-eabi-size"
READELF = "arm-none-eabi-readelf"
NM = "arm-none-eabi-nm"
# Folders whose libraries make up the portable core (DESIGN.md).
CORE_FOLDERS = ("lwm2m", "objects", "fdo")
TARGET_FLASH_KB = 40
TARGET_RAM_KB = 4
# The images measured, and what each links.
IMAGES = (
    ("minimal_image", "every codec's encoder and decoder entry points"),
    ("client_image", "the whole core: standard objects in a registry (their pools are the image's "
                     "static RAM, not the core's), the codec factory, the DM operations, Register and "
                     "Discover links"),
)
# newlib routines the portable core must not pull in: float conversion (large,
# and dtoa/strtod allocate), the printf family, and the heap.
UNWANTED_LIBC = ("_strtod_r", "strtod", "_dtoa_r", "_printf_float", "_svfprintf_r", "_vfprintf_r",
                 "_snprintf_r", "snprintf", "malloc", "_malloc_r", "free", "_free_r")


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kwargs).stdout


def build(preset, jobs):
    # Build logs go to stderr: stdout is the Markdown report.
    subprocess.run(["cmake", "--preset", preset], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", "--preset", preset, "-j", str(jobs)], check=True, cwd=ROOT, stdout=sys.stderr)


def core_archives(build_dir):
    found = []
    for folder in CORE_FOLDERS:
        top = os.path.join(build_dir, folder)
        for dirpath, _, files in os.walk(top):
            found += [os.path.join(dirpath, f) for f in files if f.endswith(".a")]
    return sorted(found, key=lambda p: os.path.basename(p))


def archive_size(path):
    """(text, data, bss) summed over the archive's members."""
    out = run([SIZE, "--format=berkeley", "--totals", path])
    for line in out.splitlines():
        if "(TOTALS)" in line:
            text, data, bss = (int(x) for x in line.split()[:3])
            return text, data, bss
    return 0, 0, 0


def elf_flash_and_ram(elf):
    """Flash = bytes stored by LOAD segments; RAM = memory of segments that live in RAM
    (those loaded somewhere other than where they run, or with zero-filled tails)."""
    flash = ram = 0
    for line in run([READELF, "-l", "-W", elf]).splitlines():
        fields = line.split()
        if not fields or fields[0] != "LOAD":
            continue
        virt, phys = int(fields[2], 16), int(fields[3], 16)
        file_size, mem_size = int(fields[4], 16), int(fields[5], 16)
        flash += file_size
        if virt != phys or mem_size > file_size:
            ram += mem_size
    return flash, ram


# Output sections of cmake/boards/cortex-m-sections.ld and where they live.
FLASH_SECTIONS = {".text", ".ARM.extab", ".ARM.exidx", ".init_array", ".data"}
RAM_SECTIONS = {".data", ".bss"}
INPUT_LINE = re.compile(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")
INPUT_ONE_LINE = re.compile(r"^ (\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")


def contributor(file):
    archive = re.search(r"([^/]+)\.a\(", file)
    if archive:
        name = archive.group(1)
        return name[3:] if name.startswith("liblwm2m_") else name + ".a"
    return os.path.basename(file).replace(".cpp.obj", ".cpp").replace(".c.obj", ".c")


def is_core(name):
    return name.startswith("lwm2m_") or name.startswith("objects") or name.startswith("core inline")


# Core code and data that the compiler emits in whichever translation unit uses
# it: the constexpr definition tables of objects/definitions/*.h (k*Resources,
# k*Object), vtables and inline or template functions of namespace lwm2m. Their
# input sections are named after the mangled symbol (-ffunction-sections,
# -fdata-sections), so they are the core's whoever included the header.
CORE_SYMBOL_SECTION = re.compile(r"^\.(text|rodata|data|bss)\.(_ZN|_ZNK|_ZTV|_ZTS|_ZTI)N?K?5lwm2m")
# String literals at namespace scope (function-local ones are named after their
# function, .rodata.<function>.str1.1): in a measured image these are the
# resource and object names of the definition tables the image TU includes.
NAMESPACE_SCOPE_STRINGS = re.compile(r"^\.rodata\.str\d")


# With -flto the linker sees the LTO partitions (ccXXXX.ltrans0.ltrans.o), not
# the libraries: code is split by symbol name instead. What the image's own TU
# defines at namespace scope is in its anonymous namespace; startup.c's
# symbols are plain C names. main and the static constructors stay with the
# core, since LTO inlines core code into them: an upper bound for the core.
LTO_PARTITION = re.compile(r"\.ltrans\d*\.ltrans\.o$|\.ltrans\.o$")
IMAGE_OWN_SYMBOL = re.compile(r"^\.[a-z]+\.(_ZN|_ZTV|_ZZN)12_GLOBAL__N_1")
C_SYMBOL_SECTION = re.compile(r"^\.(text|data|bss|rodata)\.(?!_Z|main$|startup\.|str\d|CSWTCH)[A-Za-z_]|^\.vectors$")


def attribute_lto(input_section):
    if IMAGE_OWN_SYMBOL.match(input_section):
        return "image TU (LTO)"
    if C_SYMBOL_SECTION.match(input_section):
        return "startup and C code (LTO)"
    if re.match(r"^\.text\.(startup\.)?main$", input_section):
        return "core inline (LTO: core code inlined into the image's main, main included)"
    return "core inline (LTO: all lwm2m libraries and headers)"


def attribute(input_section, file):
    """Who a linked input section counts for: core-owned sections emitted in an
    image's own translation unit are moved to the core ("core inline ...")."""
    if LTO_PARTITION.search(file):
        return attribute_lto(input_section)
    name = contributor(file)
    if is_core(name) or not name.endswith(".cpp"):
        return name
    if CORE_SYMBOL_SECTION.match(input_section):
        return f"core inline in {name} (definition tables, vtables, header functions)"
    if NAMESPACE_SCOPE_STRINGS.match(input_section):
        return f"core inline in {name} (definition names and units text)"
    return name


def map_contributions(map_path):
    """{contributor: [flash, ram]} from the input-section lines of a GNU ld map."""
    totals = {}
    section = None
    pending_input = None
    with open(map_path) as f:
        lines = f.read().split("Linker script and memory map", 1)[-1].splitlines()
    for line in lines:
        if line and not line[0].isspace():
            section = line.split()[0]
            pending_input = None
            continue
        match = None
        one = INPUT_ONE_LINE.match(line)
        if one and one.group(1) != "*fill*":
            match = one.group(1), one.group(3), one.group(4)
        elif pending_input:
            two = INPUT_LINE.match(line)
            if two:
                match = pending_input, two.group(2), two.group(3)
        long_name = re.match(r"^ (\.\S+)$", line)
        pending_input = long_name.group(1) if long_name else None
        if not match or section not in FLASH_SECTIONS | RAM_SECTIONS:
            continue
        size = int(match[1], 16)
        if size == 0:
            continue
        entry = totals.setdefault(attribute(match[0], match[2]), [0, 0])
        if section in FLASH_SECTIONS:
            entry[0] += size
        if section in RAM_SECTIONS:
            entry[1] += size
    return totals


def unwanted_libc(elf):
    defined = {line.split()[-1] for line in run([NM, elf]).splitlines() if len(line.split()) == 3}
    return [name for name in UNWANTED_LIBC if name in defined]


def kb(n):
    return f"{n / 1024:.1f} KB"


def library_table(build_dir):
    rows = ["| library | text | data | bss | flash (text+data) | static RAM (data+bss) |",
            "|---|---:|---:|---:|---:|---:|"]
    total = [0, 0, 0]
    for path in core_archives(build_dir):
        text, data, bss = archive_size(path)
        total = [total[0] + text, total[1] + data, total[2] + bss]
        name = os.path.basename(path)[3:-2]
        rows.append(f"| {name} | {text} | {data} | {bss} | {text + data} | {data + bss} |")
    text, data, bss = total
    rows.append(f"| **portable core** | **{text}** | **{data}** | **{bss}** | "
                f"**{text + data} ({kb(text + data)})** | **{data + bss}** |")
    return rows, total


def image_table(elf, map_path):
    flash, ram = elf_flash_and_ram(elf)
    parts = map_contributions(map_path)
    core = [0, 0]
    rows = ["| contributor | flash | static RAM |", "|---|---:|---:|"]
    for name, (f, r) in sorted(parts.items(), key=lambda kv: -kv[1][0]):
        rows.append(f"| {name} | {f} | {r} |")
        if is_core(name):
            core[0] += f
            core[1] += r
    rows.append(f"| **portable core (lwm2m_\\*, objects, core inline)** | **{core[0]} ({kb(core[0])})** | **{core[1]}** |")
    rows.append(f"| **whole image** | **{flash} ({kb(flash)})** | **{ram} ({kb(ram)})** |")
    return rows, (flash, ram), core


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="cortex-m33")
    parser.add_argument("--build-dir", help="default: build/<preset>")
    parser.add_argument("--no-build", action="store_true", help="measure an existing build")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("JOBS", "1")))
    args = parser.parse_args()
    build_dir = os.path.abspath(args.build_dir or os.path.join(ROOT, "build", args.preset))

    if not args.no_build:
        build(args.preset, args.jobs)

    qemu_dir = os.path.join(build_dir, "tests", "qemu")
    images = [(name, os.path.join(qemu_dir, name + ".elf"), what) for name, what in IMAGES]
    for _, elf, _ in images:
        if not os.path.exists(elf):
            sys.exit(f"missing {elf}: build the {args.preset} preset first")

    lib_rows, _ = library_table(build_dir)
    print(f"### Footprint ({os.path.basename(build_dir)}, -Os, newlib-nano)\n")
    print("Portable-core archives, before --gc-sections (every function counted):\n")
    print("\n".join(lib_rows))
    for name, elf, what in images:
        rows, (flash, ram), core = image_table(elf, os.path.join(qemu_dir, name + ".map"))
        unwanted = unwanted_libc(elf)
        print(f"\nLinked `{name}` (tests/qemu/{name}.cpp: {what}; newlib-nano; no semihosting), "
              "by contributor:\n")
        print("\n".join(rows))
        print("\nlibc number conversion, printf and heap routines linked "
              "(the core converts numbers itself): "
              + (", ".join(f"`{n}`" for n in unwanted) if unwanted else "none") + ".")
        within = core[0] <= TARGET_FLASH_KB * 1024 and core[1] <= TARGET_RAM_KB * 1024
        print(f"\nTarget: portable core <= {TARGET_FLASH_KB} KB flash and <= {TARGET_RAM_KB} KB static RAM. "
              f"Linked core code: {kb(core[0])} flash, {core[1]} B static RAM "
              f"({'within' if within else 'over'} target); whole image with libc: {kb(flash)} flash, "
              f"{kb(ram)} static RAM.")


if __name__ == "__main__":
    main()
