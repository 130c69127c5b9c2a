#!/usr/bin/env python3
"""Turns an OMA LwM2M registry object definition (DDF XML) into a C++ header
of constexpr lwm2m::ResourceDef / lwm2m::ObjectDef tables.

  tools/ddf2cpp.py IN.xml [--name Device] [--namespace my::ns] > out.h
  tools/ddf2cpp.py --standard REGISTRY_DIR OUT_DIR

The second form regenerates the standard object headers in objects/definitions/
from the newest version of each object found in REGISTRY_DIR.
"""

import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET

# The objects shipped in objects/definitions/: id, header file, C++ name.
STANDARD_OBJECTS = [
    (0, "security.h", "Security"),
    (1, "server.h", "Server"),
    (2, "access_control.h", "AccessControl"),
    (3, "device.h", "Device"),
    (4, "connectivity_monitoring.h", "ConnectivityMonitoring"),
    (5, "firmware_update.h", "FirmwareUpdate"),
    (6, "location.h", "Location"),
    (3300, "generic_sensor.h", "GenericSensor"),
    (3303, "temperature.h", "Temperature"),
    (3304, "humidity.h", "Humidity"),
    (3311, "light_control.h", "LightControl"),
    (3313, "accelerometer.h", "Accelerometer"),
    (3315, "barometer.h", "Barometer"),
    (3347, "push_button.h", "PushButton"),
]
STANDARD_NAMESPACE = "lwm2m::objects"

OPERATIONS = {
    "": "kNone",
    "R": "kRead",
    "W": "kWrite",
    "RW": "kReadWrite",
    "E": "kExecute",
}

TYPES = {
    "": "kNone",
    "none": "kNone",
    "String": "kString",
    "Integer": "kInteger",
    "Unsigned Integer": "kUnsignedInteger",
    "Float": "kFloat",
    "Boolean": "kBoolean",
    "Opaque": "kOpaque",
    "Time": "kTime",
    "Objlnk": "kObjlnk",
    "Corelnk": "kCorelnk",
}

NUMERIC_TYPES = {"Integer", "Unsigned Integer", "Float", "Time"}
LENGTH_TYPES = {"String", "Opaque"}

NUMBER = r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)"
# "a..b" (also the occasional "a...b"), "a-b", each optionally followed by "bytes".
RANGE_DOTS = re.compile(r"^(%s)\s*\.{2,3}\s*(%s)(?:\s*bytes)?$" % (NUMBER, NUMBER), re.IGNORECASE)
RANGE_DASH = re.compile(r"^(%s)\s*-\s*(%s)(?:\s*bytes)?$" % (NUMBER, NUMBER), re.IGNORECASE)
# A single length ("6", "32 bytes"): an exact byte length for String/Opaque.
SINGLE_LENGTH = re.compile(r"^(\d+)(?:\s*bytes)?$", re.IGNORECASE)


class DdfError(Exception):
    pass


def text_of(element, tag):
    child = element.find(tag)
    if child is None or child.text is None:
        return ""
    return child.text.strip()


def parse_number(text):
    value = float(text)
    if value.is_integer() and "." not in text and abs(value) < 2**53:
        return int(text)
    return value


def parse_range(text, type_name):
    """Returns ((min, max) or None, comment or None)."""
    if not text:
        return None, None
    if type_name not in NUMERIC_TYPES and type_name not in LENGTH_TYPES:
        return None, 'range "%s" not applied to a %s' % (text, type_name or "valueless resource")
    for pattern in (RANGE_DOTS, RANGE_DASH):
        match = pattern.match(text)
        if match:
            low, high = parse_number(match.group(1)), parse_number(match.group(2))
            if low > high:
                return None, 'range "%s" has min > max' % text
            return (low, high), None
    match = SINGLE_LENGTH.match(text)
    if match and type_name in LENGTH_TYPES:
        length = int(match.group(1))
        return (length, length), None
    return None, 'range "%s" is not a min..max range' % text


def cpp_number(value):
    if isinstance(value, int):
        return str(value)
    return repr(float(value))


def cpp_string(text):
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= ord(ch) < 0x7F:
            out.append(ch)
        else:
            for byte in ch.encode("utf-8"):
                out.append("\\%03o" % byte)
    return '"' + "".join(out) + '"'


def parse_version(text, what):
    if not text:
        return (1, 0)
    match = re.match(r"^(\d+)\.(\d+)$", text)
    if not match:
        raise DdfError("%s: version %r is not major.minor" % (what, text))
    return int(match.group(1)), int(match.group(2))


def default_name(object_name):
    words = re.split(r"[^A-Za-z0-9]+", object_name)
    name = "".join(w[:1].upper() + w[1:] for w in words if w)
    if not name or name[0].isdigit():
        name = "Object" + name
    return name


def load_object(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        raise DdfError("%s: %s" % (path, e))
    obj = root.find("Object") if root.tag != "Object" else root
    if obj is None:
        raise DdfError("%s: no <Object> element" % path)
    id_text = text_of(obj, "ObjectID")
    if not id_text.isdigit() or int(id_text) > 65534:
        raise DdfError("%s: bad ObjectID %r" % (path, id_text))
    result = {
        "file": os.path.basename(path),
        "id": int(id_text),
        "name": text_of(obj, "Name"),
        "urn": text_of(obj, "ObjectURN"),
        "version": parse_version(text_of(obj, "ObjectVersion"), "ObjectVersion"),
        "lwm2m_version": parse_version(text_of(obj, "LWM2MVersion"), "LWM2MVersion"),
        "multiple": text_of(obj, "MultipleInstances") == "Multiple",
        "mandatory": text_of(obj, "Mandatory") == "Mandatory",
        "resources": [],
    }
    resources = obj.find("Resources")
    seen = set()
    for item in resources if resources is not None else []:
        rid_text = (item.get("ID") or "").strip()
        if not rid_text.isdigit() or int(rid_text) > 65534:
            raise DdfError("%s: bad resource ID %r" % (path, rid_text))
        rid = int(rid_text)
        if rid in seen:
            raise DdfError("%s: resource %d defined twice" % (path, rid))
        seen.add(rid)
        operations = text_of(item, "Operations")
        type_name = text_of(item, "Type")
        if operations not in OPERATIONS:
            raise DdfError("%s: resource %d: unknown Operations %r" % (path, rid, operations))
        if type_name not in TYPES:
            raise DdfError("%s: resource %d: unknown Type %r" % (path, rid, type_name))
        bounds, note = parse_range(text_of(item, "RangeEnumeration"), type_name)
        result["resources"].append({
            "id": rid,
            "name": text_of(item, "Name"),
            "operations": OPERATIONS[operations],
            "multiple": text_of(item, "MultipleInstances") == "Multiple",
            "mandatory": text_of(item, "Mandatory") == "Mandatory",
            "type": TYPES[type_name],
            "range": bounds,
            "note": note,
            "units": text_of(item, "Units"),
        })
    # Ascending ids, so walking the table gives the order a Read answers in.
    result["resources"].sort(key=lambda r: r["id"])
    return result


def render(obj, name, namespace):
    b = lambda v: "true" if v else "false"
    lines = [
        "// Generated by tools/ddf2cpp.py from %s (OMA LwM2M registry). Do not edit:" % obj["file"],
        "// change the generator or the DDF and regenerate.",
        "// Object %d %s, object version %d.%d, LwM2M %d.%d%s." % (
            obj["id"], cpp_string(obj["name"]), obj["version"][0], obj["version"][1],
            obj["lwm2m_version"][0], obj["lwm2m_version"][1],
            ", " + obj["urn"] if obj["urn"] else ""),
        "#pragma once",
        "",
        '#include "lwm2m/model/definitions.h"',
        "",
    ]
    if namespace:
        lines += ["namespace %s {" % namespace, ""]
    lines.append("inline constexpr lwm2m::ResourceDef k%sResources[] = {" % name)
    for r in obj["resources"]:
        bounds = "{}" if r["range"] is None else "{true, %s, %s}" % (
            cpp_number(r["range"][0]), cpp_number(r["range"][1]))
        entry = "    {%d, %s, lwm2m::Operations::%s, %s, %s, lwm2m::DataType::%s, %s, %s}," % (
            r["id"], cpp_string(r["name"]), r["operations"], b(r["multiple"]), b(r["mandatory"]),
            r["type"], bounds, cpp_string(r["units"]))
        if r["note"]:
            # One line, and no backslash that would continue the comment.
            entry += "  // " + " ".join(r["note"].split()).replace("\\", "/")
        lines.append(entry)
    if not obj["resources"]:
        raise DdfError("%s: object has no resources" % obj["file"])
    lines.append("};")
    lines.append("")
    lines.append("inline constexpr lwm2m::ObjectDef k%sObject{%d, %s, {%d, %d}, %s, %s, k%sResources};" % (
        name, obj["id"], cpp_string(obj["name"]), obj["version"][0], obj["version"][1],
        b(obj["multiple"]), b(obj["mandatory"]), name))
    if namespace:
        lines += ["", "}  // namespace %s" % namespace]
    return "\n".join(lines) + "\n"


def newest_definition(registry, object_id):
    """The registry file of `object_id` with the highest ObjectVersion
    ("3.xml" and "3-1_1.xml" both define object 3)."""
    pattern = re.compile(r"^%d(-[0-9_]+)?\.xml$" % object_id)
    best = None
    for entry in sorted(os.listdir(registry)):
        if not pattern.match(entry):
            continue
        path = os.path.join(registry, entry)
        obj = load_object(path)
        if obj["id"] != object_id:
            continue
        if best is None or obj["version"] > best[1]["version"]:
            best = (path, obj)
    if best is None:
        raise DdfError("%s: no definition of object %d" % (registry, object_id))
    return best


def generate_standard(registry, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for object_id, header, name in STANDARD_OBJECTS:
        _, obj = newest_definition(registry, object_id)
        with open(os.path.join(out_dir, header), "w", encoding="utf-8") as f:
            f.write(render(obj, name, STANDARD_NAMESPACE))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", nargs="?", help="DDF XML file")
    parser.add_argument("--name", help="C++ name stem: kNameResources, kNameObject")
    parser.add_argument("--namespace", default="", help="C++ namespace for the tables (default: global)")
    parser.add_argument("--standard", nargs=2, metavar=("REGISTRY_DIR", "OUT_DIR"),
                        help="regenerate every standard object header")
    args = parser.parse_args(argv)
    try:
        if args.standard:
            generate_standard(*args.standard)
            return 0
        if not args.input:
            parser.error("give a DDF XML file or --standard")
        obj = load_object(args.input)
        name = args.name or default_name(obj["name"])
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            parser.error("--name must be a C++ identifier")
        sys.stdout.write(render(obj, name, args.namespace))
        return 0
    except (DdfError, OSError) as e:
        sys.stderr.write("ddf2cpp: %s\n" % e)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
