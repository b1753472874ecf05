import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// The jobs panel and the job banner over real jobs of the real queue (journal in a test store
// file) against the fake server: progress, counts, the time left, each item's result with the
// exact error, and Pause / Resume / Cancel / Retry failed / Remove doing what they say (checked
// on the job and on the requests the server received).
Item {
    id: root
    width: 1000
    height: 700

    JobBanner {
        id: banner
        width: parent.width
        jobs: TestBackend.services.jobs
    }
    JobsPanel {
        id: panel
        jobs: TestBackend.services.jobs
    }
    SignalSpy { id: detailsSpy; target: banner; signalName: "detailsRequested" }

    TestCase {
        name: "JobsPanel"
        when: windowShown

        readonly property JobQueue jobs: TestBackend.services.jobs

        function roomId(name) {
            return "!" + name + ":example.org"
        }
        function leavePath(name) {
            return "/_matrix/client/v3/rooms/" + encodeURIComponent(roomId(name)).replace(/!/g, "%21") + "/leave"
        }
        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "item " + name)
            return found
        }
        function field(name) {
            const found = findChild(panel.contentItem, name) || findChild(panel.footer, name)
            verify(found, "item " + name)
            return found
        }
        // Rooms of their own for each test.
        property int serial: 0
        property string a
        property string b
        property string c
        // A leave job over rooms a, b, c, paused before its first request.
        function pausedJob() {
            ++serial
            a = "a" + serial
            b = "b" + serial
            c = "c" + serial
            const job = jobs.leaveRooms([roomId(a), roomId(b), roomId(c)], "", false, "Leave 3 rooms")
            verify(job, jobs.lastError)
            job.pause()
            tryCompare(job, "state", Job.Paused)
            compare(TestBackend.requestCount("/_matrix/client/v3/rooms/"), 0)
            return job
        }
        // Pressed from the keyboard: the panel's buttons move while its list fills, and a
        // click at where a button was can land on its neighbour (Cancel).
        function press(button) {
            button.forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Space)
        }
        function itemResult(i) {
            const view = field("jobItems")
            view.positionViewAtIndex(i, ListView.Contain)
            const item = view.itemAtIndex(i)
            verify(item, "item " + i)
            return child(item, "jobItemResult").text
        }

        function initTestCase() {
            TestBackend.connectToServer()
        }
        function init() {
            TestBackend.reset()
            verify(TestBackend.openJobs())
            detailsSpy.clear()
        }
        function cleanup() {
            panel.close()
            tryCompare(panel, "visible", false)
            // A request a test left in flight is answered now: the next test's job is not
            // queued behind it.
            TestBackend.release("/_matrix/client/v3/rooms/")
        }

        function test_empty_panel_says_so() {
            panel.openOn(null)
            tryCompare(panel, "opened", true)
            verify(field("jobsEmptyText").visible)
            verify(!banner.visible)
        }

        function test_banner_pause_resume_cancel_and_details() {
            const job = pausedJob()
            verify(banner.visible)
            const text = child(banner, "jobBannerText")
            compare(text.text, "Paused: “Leave 3 rooms” — 0 of 3 done")
            const pause = child(banner, "jobBannerPauseButton")
            compare(pause.text, "Resume")
            TestBackend.script(leavePath(a), [{ hold: true }])
            mouseClick(pause)
            tryVerify(() => TestBackend.requestCount(leavePath(a)) === 1)
            compare(job.state, Job.Running)
            compare(pause.text, "Pause")
            // Pause with a request in flight: it finishes, nothing new starts.
            mouseClick(pause)
            compare(job.state, Job.Pausing)
            verify(text.text.indexOf("Pausing") === 0, text.text)
            mouseClick(child(banner, "jobBannerDetailsButton"))
            compare(detailsSpy.count, 1)
            // Cancel: what is not sent yet is cancelled (the held one stays in flight).
            mouseClick(child(banner, "jobBannerCancelButton"))
            tryVerify(() => job.state === Job.Cancelling || job.state === Job.Cancelled)
            compare(TestBackend.requestCount(leavePath(b)), 0)
            compare(TestBackend.requestCount(leavePath(c)), 0)
        }

        function test_panel_shows_progress_results_and_errors() {
            const job = pausedJob()
            TestBackend.script(leavePath(a), [{ status: 200, body: "{}" }])
            TestBackend.script(leavePath(b), [{ status: 403, body: '{"errcode":"M_FORBIDDEN","error":"You are <b>not</b> allowed"}' }])
            TestBackend.script(leavePath(c), [{ status: 200, body: "{}" }])
            panel.openOn(job)
            tryCompare(panel, "opened", true)
            compare(panel.job, job)
            compare(field("jobCounts").text, "0 done · 0 failed · 3 remaining")
            compare(field("jobProgress").value, 0)
            compare(itemResult(0), "Waiting")

            press(field("jobPauseButton")) // Resume
            tryCompare(job, "state", Job.Finished, 10000)
            compare(field("jobCounts").text, "2 done · 1 failed · 0 remaining")
            compare(field("jobProgress").value, 1)
            verify(itemResult(0).indexOf("Done") >= 0, itemResult(0))
            // The exact error, in full and as plain text.
            const failed = itemResult(1)
            verify(failed.indexOf("M_FORBIDDEN") >= 0, failed)
            verify(failed.indexOf("You are <b>not</b> allowed") >= 0, failed)
            const view = field("jobItems")
            compare(child(view.itemAtIndex(1), "jobItemResult").textFormat, Text.PlainText)
            verify(!field("jobPauseButton").visible)
            verify(!field("jobCancelButton").visible)

            // Retry failed sends the failed one again.
            TestBackend.script(leavePath(b), [{ status: 200, body: "{}" }])
            const retry = field("jobRetryButton")
            verify(retry.visible)
            press(retry)
            tryCompare(job, "done", 3, 10000)
            compare(TestBackend.requestCount(leavePath(b)), 2)
            compare(TestBackend.requestCount(leavePath(a)), 1)
            tryCompare(job, "state", Job.Finished)

            // Remove the finished job.
            press(field("jobRemoveButton"))
            compare(jobs.jobs.length, 0)
            tryCompare(panel, "job", null)
        }

        function test_panel_pause_and_cancel_call_through() {
            const job = pausedJob()
            panel.openOn(job)
            tryCompare(panel, "opened", true)
            const pause = field("jobPauseButton")
            compare(pause.text, "Resume")
            TestBackend.script(leavePath(a), [{ hold: true }])
            press(pause)
            tryVerify(() => TestBackend.requestCount(leavePath(a)) === 1)
            compare(job.state, Job.Running)
            compare(pause.text, "Pause")
            press(pause)
            compare(job.state, Job.Pausing)
            press(field("jobCancelButton"))
            compare(job.state, Job.Cancelling)
            verify(field("jobTitle").text.indexOf("Cancelling") >= 0, field("jobTitle").text)
            compare(TestBackend.requestCount(leavePath(b)), 0)
        }

        function test_keyboard_reaches_the_buttons() {
            const job = pausedJob()
            panel.openOn(job)
            tryCompare(panel, "opened", true)
            tryVerify(() => field("jobList").activeFocus)
            const reached = []
            for (let i = 0; i < 8; ++i) {
                keyClick(Qt.Key_Tab)
                const item = panel.contentItem.Window.activeFocusItem
                // The list's focus goes to its current row (jobItem0): the list has it.
                if (item && item.objectName !== "")
                    reached.push(item.objectName.startsWith("jobItem") ? "jobItems" : item.objectName)
            }
            for (const name of ["jobPauseButton", "jobCancelButton", "jobItems", "jobsCloseButton"])
                verify(reached.indexOf(name) >= 0, name + " in " + reached.join(","))
            job.cancel()
        }

        function test_several_jobs_listed() {
            const first = pausedJob()
            const second = jobs.forgetRooms([roomId("x")], "Forget 1 room")
            verify(second)
            second.pause()
            panel.openOn(null)
            tryCompare(panel, "opened", true)
            compare(field("jobList").count, 2)
            compare(panel.job, first)
            compare(child(banner, "jobBannerText").text, "Paused: “Leave 3 rooms” — 0 of 3 done · 1 more job")
            // Down in the job list shows the second one.
            tryVerify(() => field("jobList").activeFocus)
            keyClick(Qt.Key_Down)
            tryCompare(field("jobList"), "currentIndex", 1)
            compare(panel.job, second)
            first.cancel()
            second.cancel()
        }
    }
}
