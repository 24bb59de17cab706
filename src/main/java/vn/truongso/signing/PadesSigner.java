package vn.truongso.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.springframework.http.HttpStatus;
import vn.truongso.common.ApiException;
import vn.truongso.common.PdfLimits;
import vn.truongso.common.PdfWorker;
import vn.truongso.common.SafePdf;
import vn.truongso.common.VietnamTime;
import vn.truongso.common.VietnameseFont;

/**
 * Adds PAdES signatures to PDFs with PDFBox and Bouncy Castle, each as an incremental update so that every earlier
 * signature stays valid.
 *
 * <p>No signature is a certification (DocMDP) signature: a lesson plan collects the author's, the head's and the
 * principal's signatures and then validation data and document time-stamps; a certification by the first signer
 * would either forbid those (P=1) or still let a validator flag every later change as suspicious, while approval
 * signatures say exactly what happened: each person approved the document as it was when they signed.
 */
public final class PadesSigner {

    private static final COSName SUB_FILTER_PADES = COSName.getPDFName("ETSI.CAdES.detached");
    private static final COSName SUB_FILTER_DOC_TS = COSName.getPDFName("ETSI.RFC3161");

    private final TimeStampSource timeStamps;
    private final ValidationDataSource validationData;

    private final PdfWorker worker;

    /** @param timeStamps and validationData may be null when only B-B is ever asked for */
    public PadesSigner(TimeStampSource timeStamps, ValidationDataSource validationData) {
        this(timeStamps, validationData, null);
    }

    /**
     * @param worker where the placement (a keyword search decodes every page) runs, bounded in time; null: in the
     *               caller's thread
     */
    public PadesSigner(TimeStampSource timeStamps, ValidationDataSource validationData, PdfWorker worker) {
        this.timeStamps = timeStamps;
        this.validationData = validationData;
        this.worker = worker;
    }

    /**
     * Signs in one go; answers the whole new PDF (the original bytes followed by the incremental updates). Exactly
     * {@link #prepare}, the provider's signature over the digest, then {@link #complete}.
     */
    public byte[] sign(byte[] pdf, SignatureRequest request) {
        PreparedSignature prepared = prepare(pdf, request);
        return complete(prepared, request, request.provider().signDigest(prepared.digest()));
    }

    /**
     * Phase 1 of a deferred (remote) signature: adds the signature dictionary (and appearance) with a zero-filled
     * /Contents placeholder and builds the signed attributes. Uses only the provider's certificate chain, never its
     * key; the result is plain bytes that {@link #complete} can finish later, in another process.
     */
    public PreparedSignature prepare(byte[] pdf, SignatureRequest request) {
        requireTimeStamps(request.level());
        return worker == null ? prepareHere(pdf, request) : worker.run(() -> prepareHere(pdf, request));
    }

    private PreparedSignature prepareHere(byte[] pdf, SignatureRequest request) {
        try (PDDocument doc = open(pdf)) {
            refuseIfLocked(doc);
            Instant now = request.appearance() != null && request.appearance().signedAt() != null
                    ? request.appearance().signedAt() : Instant.now();
            X509Certificate signer = request.provider().chain().get(0);

            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(SUB_FILTER_PADES);
            signature.setName(request.appearance() != null ? request.appearance().signerName()
                    : signer.getSubjectX500Principal().getName());
            signature.setReason(request.reason());
            signature.setLocation(request.location());
            signature.setSignDate(calendar(now));

            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 64 * 1024);
            byte[] signedAttributes;
            String placement = null;
            try (SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(estimatedSize(request));
                if (request.appearance() != null) {
                    AppearanceText text = new AppearanceText(appearanceLines(request.appearance(), now),
                            request.appearance().image() != null && request.appearance().image().length > 0);
                    SignaturePlacer.Spot spot = SignaturePlacer.place(doc, request.appearance().placement(),
                            text::fits);
                    placement = spot.note();
                    if (spot.visible()) {
                        options.setVisualSignature(new ByteArrayInputStream(
                                appearanceTemplate(doc, spot, request.appearance(), text)));
                        options.setPage(spot.pageIndex());
                    }
                }
                doc.addSignature(signature, options);
                ExternalSigningSupport external = doc.saveIncrementalForExternalSigning(out);
                signedAttributes = CmsSignature.signedAttributes(
                        CmsSignature.sha256(readAll(external.getContent())), signer);
                // PDFBox writes the document only now; an empty signature leaves /Contents all zeros for complete().
                external.setSignature(new byte[0]);
            }
            return new PreparedSignature(out.toByteArray(), signedAttributes, CmsSignature.sha256(signedAttributes),
                    placement);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Phase 2: checks that the prepared bytes are intact and that the value is the signer's signature over them, then
     * writes the CMS (with a signature time-stamp from B-T up) into the placeholder and adds /DSS (B-LT) and a
     * document time-stamp (B-LTA). Answers the final PDF; on any refusal nothing is produced and {@code prepared} is
     * left as it was, so it can be completed again.
     *
     * @param request        only its level and its provider's chain are used (the chain must be the one prepared with)
     * @param signatureValue the raw signature over {@code prepared.digest()}: PKCS#1 v1.5 (RSA) or DER ECDSA
     * @throws ApiException             {@code SIGNATURE_VALUE_INVALID} when the value does not verify with the signer
     *                                  certificate's key; {@code SIGNING_CERTIFICATE_MISMATCH} when the chain's signer
     *                                  certificate is not the prepared one
     * @throws IllegalArgumentException when {@code prepared} is not an intact, uncompleted prepared signature
     * @throws IllegalStateException    when the CMS does not fit the placeholder
     */
    public byte[] complete(PreparedSignature prepared, SignatureRequest request, byte[] signatureValue) {
        SignatureLevel level = request.level();
        requireTimeStamps(level);
        List<X509Certificate> chain = request.provider().chain();
        SignaturePlaceholder placeholder = SignaturePlaceholder.of(prepared.pdf());
        CmsSignature.SignedAttributes attributes = CmsSignature.read(prepared.signedAttributes());
        // The three parts travel separately (e.g. three columns): refuse a mix of two preparations.
        if (!MessageDigest.isEqual(prepared.digest(), CmsSignature.sha256(prepared.signedAttributes()))
                || !MessageDigest.isEqual(attributes.messageDigest(), placeholder.contentDigest())) {
            throw new IllegalArgumentException("Not a prepared signature: its PDF, signed attributes and digest "
                    + "do not belong together");
        }
        if (!MessageDigest.isEqual(attributes.signerCertificateDigest(), CmsSignature.sha256(der(chain.get(0))))) {
            throw ApiException.conflict("SIGNING_CERTIFICATE_MISMATCH", "Không hoàn tất được chữ ký: chứng thư số "
                    + "của người ký khác với chứng thư đã dùng khi chuẩn bị ký. Hãy ký lại từ đầu.");
        }
        if (signatureValue == null
                || !CmsSignature.verifies(prepared.signedAttributes(), signatureValue, chain.get(0))) {
            throw ApiException.badRequest("SIGNATURE_VALUE_INVALID", "Giá trị chữ ký không hợp lệ: không khớp với "
                    + "chứng thư số của người ký và dữ liệu cần ký. Văn bản chưa được ký.");
        }
        byte[] token = level.atLeast(SignatureLevel.B_T)
                ? timeStamps.timeStampToken(CmsSignature.sha256(signatureValue)) : null;
        byte[] signed = placeholder.fill(CmsSignature.assemble(prepared.signedAttributes(), signatureValue, chain,
                token));
        if (level.atLeast(SignatureLevel.B_LT)) {
            signed = addValidationData(signed, chain);
        }
        if (level == SignatureLevel.B_LTA) {
            signed = addDocumentTimeStamp(signed);
        }
        return signed;
    }

    private void requireTimeStamps(SignatureLevel level) {
        if (level.atLeast(SignatureLevel.B_T) && timeStamps == null) {
            throw new IllegalStateException("No time-stamping authority configured for " + level);
        }
    }

    /**
     * B-LT: every certificate a validator needs (the signer's chain, the time-stamping unit's, the OCSP responder's)
     * and fresh revocation data for each, in the document's DSS dictionary.
     */
    private byte[] addValidationData(byte[] pdf, List<X509Certificate> signerChain) {
        if (validationData == null) {
            throw new IllegalStateException("No validation data source configured for B-LT");
        }
        try (PDDocument doc = open(pdf)) {
            Set<X509Certificate> certs = new LinkedHashSet<>(signerChain);
            List<PDSignature> signatures = doc.getSignatureDictionaries();
            certs.addAll(EmbeddedCertificates.ofTimeStamps(signatures.get(signatures.size() - 1).getContents(pdf)));
            List<byte[]> ocsps = new ArrayList<>();
            List<byte[]> crls = new ArrayList<>();
            java.util.ArrayDeque<X509Certificate> todo = new java.util.ArrayDeque<>(certs);
            Set<X509Certificate> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                X509Certificate c = todo.poll();
                if (!seen.add(c)) {
                    continue;
                }
                ValidationDataSource.Revocation r = validationData.revocationFor(c);
                ocsps.addAll(r.ocspResponses());
                crls.addAll(r.crls());
                for (byte[] ocsp : r.ocspResponses()) {
                    for (X509Certificate responder : EmbeddedCertificates.ofOcspResponse(ocsp)) {
                        if (certs.add(responder)) {
                            todo.add(responder);
                        }
                    }
                }
            }

            COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
            COSDictionary dss = catalog.getCOSDictionary(COSName.getPDFName("DSS"));
            if (dss == null) {
                dss = new COSDictionary();
                catalog.setItem(COSName.getPDFName("DSS"), dss);
            }
            Set<COSDictionary> toWrite = new HashSet<>();
            append(doc, dss, "Certs", certs.stream().map(PadesSigner::der).toList(), toWrite);
            append(doc, dss, "OCSPs", ocsps, toWrite);
            append(doc, dss, "CRLs", crls, toWrite);
            catalog.setNeedToBeUpdated(true);
            dss.setNeedToBeUpdated(true);
            toWrite.add(catalog);
            toWrite.add(dss);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 32 * 1024);
            doc.saveIncremental(out, toWrite);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(PDDocument doc, COSDictionary dss, String key, List<byte[]> items,
                               Set<COSDictionary> toWrite) throws IOException {
        COSArray array = dss.getCOSArray(COSName.getPDFName(key));
        if (array == null) {
            array = new COSArray();
            dss.setItem(COSName.getPDFName(key), array);
        }
        Set<String> present = new HashSet<>();
        for (COSBase existing : array) {
            COSBase resolved = existing instanceof org.apache.pdfbox.cos.COSObject o ? o.getObject() : existing;
            if (resolved instanceof COSStream s) {
                try (InputStream in = s.createInputStream()) {
                    present.add(java.util.HexFormat.of().formatHex(CmsSignature.sha256(in.readAllBytes())));
                }
            }
        }
        for (byte[] item : items) {
            if (present.add(java.util.HexFormat.of().formatHex(CmsSignature.sha256(item)))) {
                COSStream stream = doc.getDocument().createCOSStream();
                try (var os = stream.createOutputStream(COSName.FLATE_DECODE)) {
                    os.write(item);
                }
                stream.setNeedToBeUpdated(true);
                array.add(stream);
            }
        }
        array.setNeedToBeUpdated(true);
    }

    /** B-LTA: an RFC 3161 document time-stamp over everything before it. */
    private byte[] addDocumentTimeStamp(byte[] pdf) {
        try (PDDocument doc = open(pdf)) {
            PDSignature ts = new PDSignature();
            ts.setType(COSName.DOC_TIME_STAMP);
            ts.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            ts.setSubFilter(SUB_FILTER_DOC_TS);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 32 * 1024);
            try (SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(16 * 1024);
                doc.addSignature(ts, options);
                ExternalSigningSupport external = doc.saveIncrementalForExternalSigning(out);
                external.setSignature(timeStamps.timeStampToken(CmsSignature.sha256(readAll(external.getContent()))));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The appearance's lines: who signed, in which capacity, for which unit, when (+07:00). When the signer signs for
     * someone else ("KT. HIỆU TRƯỞNG" over "PHÓ HIỆU TRƯỞNG"), those authority lines come first, above the name, and
     * stand for the "Chức vụ" line (their last line is the signer's own title).
     */
    static List<String> appearanceLines(Appearance a, Instant signedAt) {
        List<String> lines = new java.util.ArrayList<>(a.authority());
        lines.add("Ký bởi: " + a.signerName());
        if (a.authority().isEmpty()) {
            lines.add("Chức vụ: " + nullToDash(a.title()));
        }
        lines.add("Đơn vị: " + nullToDash(a.organisation()));
        lines.add("Ngày ký: " + VietnamTime.SECOND.format(VietnamTime.of(signedAt)));
        return List.copyOf(lines);
    }

    /**
     * A one-page PDF whose only content is the signature field with its appearance; PDFBox merges it in. The
     * appearance is drawn upright as the reader sees the page: on a rotated page its /Matrix turns it back.
     */
    private static byte[] appearanceTemplate(PDDocument target, SignaturePlacer.Spot spot, Appearance a,
                                             AppearanceText text) throws IOException {
        PDPage targetPage = target.getPage(spot.pageIndex());
        PDRectangle rect = spot.rect();
        boolean sideways = spot.rotation() == 90 || spot.rotation() == 270;
        float width = sideways ? rect.getHeight() : rect.getWidth();
        float height = sideways ? rect.getWidth() : rect.getHeight();
        // The lease outlives the document: the font is subset when the document is saved.
        try (VietnameseFont.Sans sans = VietnameseFont.sans(); PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(targetPage.getMediaBox());
            doc.addPage(page);
            PDAcroForm form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
            PDSignatureField field = new PDSignatureField(form);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            form.setSignaturesExist(true);
            form.setAppendOnly(true);
            form.getCOSObject().setDirect(true);
            form.getFields().add(field);
            widget.setRectangle(rect);
            widget.setPrinted(true);

            PDFormXObject xobject = new PDFormXObject(new PDStream(doc));
            xobject.setResources(new PDResources());
            xobject.setFormType(1);
            xobject.setBBox(new PDRectangle(width, height));
            if (spot.rotation() != 0) {
                xobject.setMatrix(org.apache.pdfbox.util.Matrix.getRotateInstance(
                        Math.toRadians(spot.rotation()), 0, 0).createAffineTransform());
            }
            PDAppearanceDictionary appearance = new PDAppearanceDictionary();
            PDAppearanceStream stream = new PDAppearanceStream(xobject.getCOSObject());
            appearance.setNormalAppearance(stream);
            widget.setAppearance(appearance);

            PDType0Font font = sans.embed(doc);
            try (PDPageContentStream cs = new PDPageContentStream(doc, stream)) {
                float textX = AppearanceText.PADDING;
                if (text.withImage()) {
                    PDImageXObject img = PDImageXObject.createFromByteArray(doc, a.image(), "image");
                    float h = height - 2 * AppearanceText.PADDING;
                    float w = AppearanceText.imageWidth(width, h, img.getWidth(), img.getHeight());
                    cs.drawImage(img, AppearanceText.PADDING, AppearanceText.PADDING, w, h);
                    textX = w + 2 * AppearanceText.PADDING;
                }
                cs.setStrokingColor(0.0f, 0.45f, 0.2f);
                cs.setLineWidth(0.8f);
                cs.addRect(0.5f, 0.5f, width - 1, height - 1);
                cs.stroke();
                AppearanceText.Layout layout = text.layout(font, width - textX - AppearanceText.PADDING,
                        height - 2 * AppearanceText.PADDING);
                float y = height - AppearanceText.PADDING - layout.size();
                cs.setNonStrokingColor(0.0f, 0.3f, 0.6f);
                for (String line : layout.lines()) {
                    cs.beginText();
                    cs.setFont(font, layout.size());
                    cs.newLineAtOffset(textX, y);
                    cs.showText(line);
                    cs.endText();
                    y -= layout.size() * AppearanceText.LEADING;
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** A certification signature that allows no change (DocMDP P=1) forbids signing again. */
    private static void refuseIfLocked(PDDocument doc) {
        COSDictionary perms = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
        COSDictionary docMdp = perms == null ? null : perms.getCOSDictionary(COSName.DOCMDP);
        COSArray refs = docMdp == null ? null : docMdp.getCOSArray(COSName.getPDFName("Reference"));
        if (refs == null) {
            return;
        }
        for (COSBase base : refs) {
            COSBase ref = base instanceof org.apache.pdfbox.cos.COSObject o ? o.getObject() : base;
            if (ref instanceof COSDictionary d
                    && COSName.DOCMDP.equals(d.getCOSName(COSName.getPDFName("TransformMethod")))) {
                COSDictionary params = d.getCOSDictionary(COSName.getPDFName("TransformParams"));
                int p = params == null ? 2 : params.getInt(COSName.P, 2);
                if (p == 1) {
                    throw new ApiException(HttpStatus.CONFLICT, "DOCUMENT_CERTIFIED_NO_CHANGES",
                            "Văn bản đã được chứng thực và không cho phép thay đổi, kể cả ký thêm.");
                }
            }
        }
    }

    private static PDDocument open(byte[] pdf) throws IOException {
        try {
            PDDocument doc = SafePdf.load(pdf, PdfLimits.DEFAULTS);
            if (doc.isEncrypted()) {
                doc.close();
                throw encrypted();
            }
            return doc;
        } catch (InvalidPasswordException e) {
            throw encrypted();
        } catch (IOException e) {
            throw ApiException.badRequest("SIGNING_CORRUPT_PDF", "Không ký được: tệp PDF bị hỏng.");
        }
    }

    private static ApiException encrypted() {
        return ApiException.badRequest("SIGNING_ENCRYPTED_PDF", "Không ký được: tệp PDF đã được mã hóa.");
    }

    private static int estimatedSize(SignatureRequest request) {
        int size = 4096;
        for (X509Certificate c : request.provider().chain()) {
            size += der(c).length;
        }
        if (request.level().atLeast(SignatureLevel.B_T)) {
            size += 12 * 1024;
        }
        return size;
    }

    private static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static Calendar calendar(Instant t) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone(VietnamTime.ZONE));
        c.setTimeInMillis(t.toEpochMilli());
        return c;
    }

    private static String nullToDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
