import QtQuick
import QtMultimedia
import SafeLoop.App

/// The live camera and its still capture, handed to `capture` (PhotoCapture). CameraCapture
/// creates it only on a device with a camera, so headless runs never start Qt Multimedia's
/// capture backend.
Item {
    id: root

    /// Receives every shot (acceptImage).
    property PhotoCapture capture
    /// Index into the device's cameras.
    property int cameraIndex: 0
    /// The viewfinder runs only while true.
    property bool running: false
    readonly property bool ready: imageCapture.readyForCapture
    readonly property string errorString: imageCapture.errorString

    function shoot() {
        imageCapture.capture()
    }

    MediaDevices {
        id: devices
    }
    CaptureSession {
        camera: Camera {
            cameraDevice: devices.videoInputs.length > 0
                ? devices.videoInputs[Math.min(root.cameraIndex, devices.videoInputs.length - 1)]
                : devices.defaultVideoInput
            active: root.running && devices.videoInputs.length > 0
        }
        imageCapture: ImageCapture {
            id: imageCapture
            onImageCaptured: (requestId, preview) => {
                if (root.capture)
                    root.capture.acceptImage(preview)
            }
        }
        videoOutput: output
    }
    VideoOutput {
        id: output
        objectName: "cameraViewfinder"
        anchors.fill: parent
        fillMode: VideoOutput.PreserveAspectFit
    }
}
