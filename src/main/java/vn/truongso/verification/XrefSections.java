package vn.truongso.verification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The entries of the cross-reference sections written after the signed revision, parsed from the bytes. */
record XrefSections(Set<COSObjectKey> defined, Set<COSObjectKey> freed, Set<COSObjectKey> misplaced) {

    private static final Logger log = LoggerFactory.getLogger(XrefSections.class);
    private static final Pattern STARTXREF = Pattern.compile("startxref\\s+(\\d+)");
    private static final Pattern PREV = Pattern.compile("/Prev\\s+(\\d+)");
    private static final Pattern XREF_STM = Pattern.compile("/XRefStm\\s+(\\d+)");
    private static final Pattern OBJ_HEADER = Pattern.compile("\\G\\s*(\\d+)\\s+(\\d+)\\s+obj");

    static XrefSections after(byte[] pdf, long signedEnd, PDDocument fin) {
        Set<COSObjectKey> defined = new HashSet<>();
        Set<COSObjectKey> freed = new HashSet<>();
        Map<COSObjectKey, Long> offsets = new HashMap<>();
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        long start = -1;
        Matcher m = STARTXREF.matcher(text);
        int from = (int) Math.max(0, signedEnd - 64);
        while (m.find(from)) {
            start = Long.parseLong(m.group(1));
            from = m.end();
        }
        Deque<Long> todo = new ArrayDeque<>();
        if (start >= 0) {
            todo.push(start);
        }
        Set<Long> seen = new HashSet<>();
        while (!todo.isEmpty() && seen.size() < 1000) {
            long at = todo.pop();
            if (at < signedEnd || at >= pdf.length || !seen.add(at)) {
                continue; // sections of the signed revision, or nonsense
            }
            try {
                String tail = readSection(text, (int) at, offsets, freed, fin);
                Matcher prev = PREV.matcher(tail);
                if (prev.find()) {
                    todo.push(Long.parseLong(prev.group(1)));
                }
                Matcher stm = XREF_STM.matcher(tail);
                if (stm.find()) {
                    todo.push(Long.parseLong(stm.group(1)));
                }
            } catch (RuntimeException | IOException e) {
                log.debug("Unreadable cross-reference section at {}", at, e);
            }
        }
        Set<COSObjectKey> misplaced = new HashSet<>();
        offsets.forEach((key, offset) -> {
            defined.add(key);
            if (offset >= 0 && !objectStartsAt(text, offset, key)) {
                misplaced.add(key);
            }
        });
        return new XrefSections(defined, freed, misplaced);
    }

    /**
     * Whether the cross-reference entry points at "N G obj" for its own object: when it does not, each reader
     * repairs the file its own way and may show something else than we do (the hide-via-xref shadow attacks).
     */
    private static boolean objectStartsAt(String text, long offset, COSObjectKey key) {
        if (offset >= text.length()) {
            return false;
        }
        Matcher m = OBJ_HEADER.matcher(text);
        return m.find((int) offset) && m.start() == offset
                && Long.parseLong(m.group(1)) == key.getNumber() && Integer.parseInt(m.group(2)) == key.getGeneration();
    }

    /** Reads one section; answers the text of its trailer (or stream dictionary) to find /Prev in. */
    private static String readSection(String text, int at, Map<COSObjectKey, Long> defined,
                                      Set<COSObjectKey> freed, PDDocument fin) throws IOException {
        int i = at;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (text.startsWith("xref", i)) {
            int trailer = text.indexOf("trailer", i);
            int stop = trailer < 0 ? text.length() : trailer;
            String[] tokens = text.substring(i + 4, stop).trim().split("\\s+");
            int t = 0;
            while (t + 1 < tokens.length) {
                long first = Long.parseLong(tokens[t]);
                int count = Integer.parseInt(tokens[t + 1]);
                t += 2;
                for (int n = 0; n < count && t + 2 < tokens.length; n++, t += 3) {
                    COSObjectKey key = new COSObjectKey(first + n, Integer.parseInt(tokens[t + 1]));
                    if (tokens[t + 2].startsWith("f")) {
                        freed.add(key);
                    } else {
                        defined.putIfAbsent(key, Long.parseLong(tokens[t]));
                    }
                }
            }
            int end = text.indexOf("startxref", stop);
            return trailer < 0 ? "" : text.substring(trailer, end < 0 ? text.length() : end);
        }
        Matcher header = OBJ_HEADER.matcher(text);
        if (!header.find(at)) {
            return "";
        }
        COSObjectKey streamKey = new COSObjectKey(Long.parseLong(header.group(1)),
                Integer.parseInt(header.group(2)));
        COSObject holder = fin.getDocument().getObjectFromPool(streamKey);
        if (holder == null || !(holder.getObject() instanceof COSStream stream)
                || !COSName.XREF.equals(stream.getCOSName(COSName.TYPE))) {
            return "";
        }
        readXrefStream(stream, defined, freed);
        COSBase prev = stream.getDictionaryObject(COSName.PREV);
        return prev instanceof org.apache.pdfbox.cos.COSNumber p ? "/Prev " + p.longValue() : "";
    }

    private static void readXrefStream(COSStream stream, Map<COSObjectKey, Long> defined,
                                       Set<COSObjectKey> freed) throws IOException {
        COSArray w = stream.getCOSArray(COSName.W);
        if (w == null || w.size() != 3) {
            return;
        }
        int[] widths = {w.getInt(0), w.getInt(1), w.getInt(2)};
        COSArray index = stream.getCOSArray(COSName.INDEX);
        List<long[]> ranges = new ArrayList<>();
        if (index == null) {
            ranges.add(new long[]{0, stream.getInt(COSName.SIZE)});
        } else {
            for (int i = 0; i + 1 < index.size(); i += 2) {
                ranges.add(new long[]{index.getInt(i), index.getInt(i + 1)});
            }
        }
        try (InputStream in = stream.createInputStream()) {
            for (long[] range : ranges) {
                for (long n = 0; n < range[1]; n++) {
                    long type = widths[0] == 0 ? 1 : readField(in, widths[0]);
                    long second = readField(in, widths[1]);
                    long third = readField(in, widths[2]);
                    if (type < 0) {
                        return;
                    }
                    if (type == 0) {
                        freed.add(new COSObjectKey(range[0] + n, (int) Math.max(0, third - 1)));
                    } else if (type == 1) {
                        defined.putIfAbsent(new COSObjectKey(range[0] + n, (int) third), second);
                    } else if (type == 2) {
                        defined.putIfAbsent(new COSObjectKey(range[0] + n, 0), -1L); // inside an object stream
                    }
                }
            }
        }
    }

    private static long readField(InputStream in, int width) throws IOException {
        long v = 0;
        for (int i = 0; i < width; i++) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            v = (v << 8) | b;
        }
        return v;
    }
}
